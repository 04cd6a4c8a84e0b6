namespace SushOps.Tests.Infrastructure.Google;

/// <summary>Rows as the team's inventory sheet holds them: header, a row describing each column, chefs.</summary>
public static class TeamSheet
{
    public const string Id = "1kV6TQzUr8Qf0M2n5cR1Xw3bYp7sLhD9aE4gJtN0uWqZ";

    public const long Gid = 1386834576;

    public static readonly string[] Header =
    [
        "Nickname", "Channel Name", "Channel ID", "Github Repo URL", "Post-setup command",
        "Change Working Directory", "Run Command", "Crontab Schedule", "Comments",
    ];

    public static readonly string[] Description =
    [
        "Short unique id of the chef", "Channel title", "Studio channel id", "Repository of the chef",
        "Run once after setup", "Folder the command runs in", "Command that runs the chef", "When it runs",
        "Anything else",
    ];

    /// <summary>Header, description, two chefs; the second has no schedule, so its row ends early.</summary>
    public static List<string[]> Rows(string khanSchedule = "0 2 1 * *") =>
    [
        Header,
        Description,
        ["khan_academy_en", "Khan Academy (English)", "",
            "https://github.com/learningequality/sushi-chef-khan-academy.git", "", "", "./sushichef.py --lang=en",
            khanSchedule, "Video heavy"],
        ["pradigi", "PraDigi", "", "https://github.com/learningequality/sushi-chef-pradigi.git", "", "",
            "./sushichef.py"],
    ];

    /// <summary>The team's spreadsheet with its chefs on a second sheet (tab), not the first.</summary>
    public static StandInSpreadsheet Spreadsheet(bool linkShared, string khanSchedule = "0 2 1 * *") =>
        new(Id, new StandInSheet(0, "Notes", [["Read me first"]]), new StandInSheet(Gid, "Chefs", Rows(khanSchedule)))
        {
            LinkShared = linkShared,
        };
}
