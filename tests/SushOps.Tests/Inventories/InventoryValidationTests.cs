using Cronos;
using SushOps.Inventories;

namespace SushOps.Tests.Inventories;

public class InventoryValidationTests
{
    private static readonly string[] Columns =
        ["chef_name", "repo_url", "command", "schedule", "role", "branch", "channel_id", "post_setup", "cwd"];

    private static readonly Dictionary<string, string> GoodRow = new()
    {
        ["chef_name"] = "khan_academy_en",
        ["repo_url"] = "https://github.com/learningequality/sushi-chef-khan-academy.git",
        ["command"] = "./sushichef.py --lang=en",
        ["schedule"] = "0 2 1 * *",
        ["role"] = "vader",
        ["branch"] = "main",
        ["channel_id"] = "0123456789abcdef0123456789abcdef",
        ["post_setup"] = "make assets",
        ["cwd"] = "chefs/en",
    };

    private static string Csv(params IEnumerable<IReadOnlyDictionary<string, string>> rows) =>
        string.Join(",", Columns) + "\n"
        + string.Concat(rows.Select(row => string.Join(",", Columns.Select(c => Quote(row[c]))) + "\n"));

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";

    private static Dictionary<string, string> RowWith(string column, string value) =>
        new(GoodRow) { [column] = value };

    private static Inventory Parse(string csv) =>
        InventoryLoader.Parse(new StringReader(csv), "inventory.csv", "/srv/inventories");

    private static Chef Accepts(string column, string value) =>
        Assert.Single(Parse(Csv(RowWith(column, value))).Chefs);

    /// <summary>The one error a row with that value gives, as the user reads it.</summary>
    private static string Refuses(string column, string value)
    {
        var e = Assert.Throws<InventoryException>(() => Parse(Csv(RowWith(column, value))));
        var error = Assert.Single(e.Errors);
        Assert.Equal((2, column), (error.Row, error.Column));
        return error.Render("inventory.csv");
    }

    [Fact]
    public void A_good_row_is_accepted()
    {
        Assert.Equal("khan_academy_en", Accepts("chef_name", "khan_academy_en").Name);
    }

    [Theory]
    [InlineData("khan.academy")]
    [InlineData("-khan")]
    [InlineData("_khan")]
    [InlineData("khan/../etc")]
    [InlineData("khan;rm")]
    [InlineData("khän")]
    [InlineData("khan$(id)")]
    public void A_bad_chef_name_is_refused_with_the_allowed_form(string name)
    {
        Assert.Equal(
            $"inventory.csv row 2, column \"chef_name\": \"{name}\" is not a chef name; use 1 to 64 letters, "
            + "digits, '_' or '-', starting with a letter or digit (for example khan_academy_en)",
            Refuses("chef_name", name));
    }

    [Fact]
    public void A_chef_name_of_64_characters_is_accepted_and_65_refused()
    {
        Assert.Equal(64, Accepts("chef_name", "k" + new string('x', 63)).Name.Length);
        Assert.Contains("is not a chef name", Refuses("chef_name", "k" + new string('x', 64)));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("Khan-Academy_EN")]
    [InlineData("a-")]
    public void Chef_names_of_letters_digits_underscores_and_hyphens_are_accepted(string name)
    {
        Assert.Equal(name, Accepts("chef_name", name).Name);
    }

    [Fact]
    public void A_chef_name_with_a_space_below_the_description_row_is_refused()
    {
        var csv = Csv(GoodRow, RowWith("chef_name", "khan academy"));

        var error = Assert.Single(Assert.Throws<InventoryException>(() => Parse(csv)).Errors);

        Assert.Equal(3, error.Row);
        Assert.Contains("\"khan academy\" is not a chef name", error.Message);
    }

    [Fact]
    public void Duplicate_chef_name_names_both_rows()
    {
        var other = RowWith("chef_name", "tessa");
        var csv = Csv(GoodRow, other, RowWith("repo_url", "https://h.example/copy.git"));

        var e = Assert.Throws<InventoryException>(() => Parse(csv));

        Assert.Equal(
            "inventory.csv row 4, column \"chef_name\": \"khan_academy_en\" is already the name of the chef "
            + "in row 2; chef names must be unique",
            Assert.Single(e.Errors).Render("inventory.csv"));
    }

    [Fact]
    public void Duplicate_chef_name_is_reported_even_when_the_first_row_has_errors_too()
    {
        var csv = Csv(RowWith("schedule", "0 3 * *"), GoodRow);

        var e = Assert.Throws<InventoryException>(() => Parse(csv));

        Assert.Equal(
            [
                (2, "schedule", "\"0 3 * *\" has 4 fields"),
                (3, "chef_name", "\"khan_academy_en\" is already the name of the chef in row 2"),
            ],
            e.Errors.Select(x => (x.Row, x.Column, x.Message[..x.Message.IndexOf(';')])));
    }

    [Theory]
    [InlineData("https://github.com/learningequality/sushi-chef-khan-academy.git")]
    [InlineData("http://git.example.org/chefs/x.git")]
    [InlineData("HTTPS://github.com/learningequality/x.git")]
    [InlineData("ssh://git@github.com/learningequality/x.git")]
    [InlineData("ssh://chef@git.example.org:2222/srv/x.git")]
    [InlineData("git://git.example.org/x.git")]
    [InlineData("file:///srv/repos/x.git")]
    [InlineData("git@github.com:learningequality/x.git")]
    [InlineData("chef.bot@git.example.org:repos/x.git")]
    public void Repo_urls_git_clones_safely_are_accepted_as_written(string url)
    {
        Assert.Equal(url, Accepts("repo_url", url).RepoUrl);
    }

    [Theory]
    [InlineData("samples/hello_chef.bundle", "/srv/inventories/samples/hello_chef.bundle")]
    [InlineData("../repos/x", "/srv/repos/x")]
    [InlineData("/opt/repos/x.git", "/opt/repos/x.git")]
    public void Local_repo_paths_are_accepted_relative_or_absolute(string path, string resolved)
    {
        Assert.Equal(resolved, Accepts("repo_url", path).RepoUrl);
    }

    [Theory]
    [InlineData("https://github.com/learning equality/x.git", "holds a space or control character")]
    [InlineData("https://github.com/x.git\tmore", "holds a space or control character")]
    [InlineData("ext::sh -c touch% /tmp/pwned", "holds a space or control character")]
    [InlineData("-uhack", "starts with '-', which git would read as an option; write a local path as ./-uhack")]
    [InlineData("--upload-pack=touch", "starts with '-', which git would read as an option")]
    [InlineData("ext::sh%20-c%20id", "is neither a URL (https://, http://, ssh://, git://, file://), "
        + "a user@host:path address nor a local path (a local path has no ':')")]
    [InlineData("fd::17", "is neither a URL")]
    [InlineData("github.com:learningequality/x.git", "is neither a URL")]
    [InlineData("ftp://git.example.org/x.git", "is not a URL git can clone safely; "
        + "use https://, http://, ssh://, git:// or file://")]
    [InlineData("ext://sh/x", "is not a URL git can clone safely")]
    [InlineData("https:///x.git", "is not a well-formed https:// URL")]
    [InlineData("ssh://-oProxyCommand=touch%20x/y.git", "names a host that starts with '-'")]
    [InlineData("ssh://git@-oProxyCommand=x/y.git", "names a host that starts with '-'")]
    public void Unsafe_or_unknown_repo_urls_are_refused(string url, string expected)
    {
        var message = Refuses("repo_url", url);

        Assert.StartsWith("inventory.csv row 2, column \"repo_url\": \"", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void A_control_character_in_a_repo_url_is_shown_escaped()
    {
        Assert.Contains(
            "\"https://h.example/x\\u0007.git\" holds a space or control character; a repository address has none",
            Refuses("repo_url", "https://h.example/x\a.git"));
    }

    [Fact]
    public void A_url_without_a_host_is_refused()
    {
        Assert.Contains("\"ssh:///srv/x.git\" names no host", Refuses("repo_url", "ssh:///srv/x.git"));
    }

    [Theory]
    [InlineData("main")]
    [InlineData("release/2024")]
    [InlineData("feature/new-ui_2")]
    [InlineData("v1.2.3")]
    public void Valid_git_branch_names_are_accepted(string branch)
    {
        Assert.Equal(branch, Accepts("branch", branch).Branch);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("-x")]
    [InlineData("x.lock")]
    [InlineData("a b")]
    [InlineData("feature/")]
    [InlineData("a~1")]
    [InlineData("a^b")]
    [InlineData("a:b")]
    [InlineData("what?")]
    [InlineData("a[1]")]
    [InlineData("a@{1}")]
    [InlineData(".hidden")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    [InlineData("HEAD")]
    [InlineData("@")]
    public void Invalid_git_branch_names_are_refused(string branch)
    {
        Assert.Equal(
            $"inventory.csv row 2, column \"branch\": \"{branch}\" is not a valid git branch name "
            + "(see git check-ref-format); use something like main or release/2024",
            Refuses("branch", branch));
    }

    [Theory]
    [InlineData("src")]
    [InlineData("chefs/en")]
    [InlineData("./chefs")]
    [InlineData("..hidden")]
    public void Working_directories_inside_the_checkout_are_accepted(string dir)
    {
        Assert.Equal(dir, Accepts("cwd", dir).WorkingDirectory);
    }

    [Theory]
    [InlineData("/srv/chefs")]
    [InlineData("~")]
    [InlineData("~/chefs")]
    [InlineData("\\chefs")]
    public void An_absolute_working_directory_is_refused(string dir)
    {
        Assert.Equal(
            $"inventory.csv row 2, column \"cwd\": \"{dir}\" is absolute; give a path relative to the chef's "
            + "checkout, such as chefs/en",
            Refuses("cwd", dir));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../other")]
    [InlineData("chefs/../../etc")]
    [InlineData("chefs\\..\\..")]
    public void A_working_directory_that_climbs_out_is_refused(string dir)
    {
        Assert.Contains(
            $"\"{dir}\" climbs out with '..'; give a path inside the chef's checkout",
            Refuses("cwd", dir));
    }

    [Theory]
    [InlineData("0 3 * * *")]
    [InlineData("*/15 2-4 1,15 * 1-5")]
    [InlineData("30 3 5 * *")]
    [InlineData("0 0 * * SUN")]
    [InlineData("@daily")]
    [InlineData("@monthly")]
    [InlineData("@hourly")]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    [InlineData("@weekly")]
    [InlineData("@midnight")]
    public void Five_field_schedules_and_cron_macros_are_accepted(string schedule)
    {
        Assert.Equal(schedule, Accepts("schedule", schedule).Schedule);
    }

    [Fact]
    public void A_schedule_with_4_fields_says_a_schedule_needs_5()
    {
        Assert.Equal(
            "inventory.csv row 2, column \"schedule\": \"0 3 * *\" has 4 fields; a schedule needs 5 "
            + "(minute hour day month weekday), for example \"0 3 1 * *\"",
            Refuses("schedule", "0 3 * *"));
    }

    [Theory]
    [InlineData("daily", "has 1 field;")]
    [InlineData("0 0 3 * * *", "has 6 fields;")]
    public void A_schedule_with_another_number_of_fields_gives_its_count(string schedule, string expected)
    {
        Assert.Contains($"\"{schedule}\" {expected} a schedule needs 5", Refuses("schedule", schedule));
    }

    [Theory]
    [InlineData("0 0 L * *", "the day of the month \"L\" is not cron syntax Debian's cron takes")]
    [InlineData("* * * * 4#3", "the weekday \"4#3\" is not cron syntax")]
    [InlineData("0 0 1W * *", "the day of the month \"1W\" is not cron syntax")]
    [InlineData("0 0 * * 5L", "the weekday \"5L\" is not cron syntax")]
    [InlineData("0 0 ? * *", "the day of the month \"?\" is not cron syntax")]
    [InlineData("0 0 * * mon-fri", "the weekday \"mon-fri\" is not cron syntax")]
    [InlineData("H(0-29) * * * *", "the minute \"H(0-29)\" adds to H; H stands alone in a field")]
    [InlineData("H/15 * * * *", "the minute \"H/15\" adds to H")]
    [InlineData("x 3 * * *", "the minute \"x\" is not cron syntax Debian's cron takes; write *, numbers")]
    public void Syntax_that_debians_cron_does_not_take_is_refused(string schedule, string expected)
    {
        Assert.Contains(expected, Refuses("schedule", schedule));
    }

    [Theory]
    [InlineData("@reboot")]
    [InlineData("@Daily")]
    [InlineData("@every_5m")]
    public void A_macro_sushops_cannot_install_is_refused(string schedule)
    {
        Assert.Equal(
            $"inventory.csv row 2, column \"schedule\": \"{schedule}\" is not a schedule sushops can install; "
            + "use five fields or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
            Refuses("schedule", schedule));
    }

    [Theory]
    [InlineData("61 * * * *")]
    [InlineData("0 24 * * *")]
    [InlineData("0 3 32 * *")]
    [InlineData("0 3 * 13 *")]
    [InlineData("0 3 * * 8")]
    public void An_out_of_range_schedule_is_refused_with_the_reason_cronos_gives(string schedule)
    {
        var reason = Assert.Throws<CronFormatException>(() => CronExpression.Parse(schedule)).Message;

        Assert.Equal(
            $"inventory.csv row 2, column \"schedule\": \"{schedule}\" is not a valid cron schedule: {reason}",
            Refuses("schedule", schedule));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void A_command_spanning_two_lines_is_refused()
    {
        Assert.Equal(
            "inventory.csv row 2, column \"command\": \"./sushichef.py\\nrm -rf /\" spans several lines "
            + "or holds control characters; write the command on one line",
            Refuses("command", "./sushichef.py\nrm -rf /"));
    }

    [Fact]
    public void A_post_setup_command_spanning_two_lines_is_refused()
    {
        Assert.Contains(
            "column \"post_setup\": \"make\\r\\nmake install\" spans several lines",
            Refuses("post_setup", "make\r\nmake install"));
    }

    [Fact]
    public void A_command_may_hold_a_tab_and_shell_syntax()
    {
        var command = "./sushichef.py --lang=en\t--token={studio_token} | tee out.log && echo \"done; $HOME\"";

        Assert.Equal(command, Accepts("command", command).Command);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("01234567-89ab-cdef-0123-456789abcdef")]
    public void A_channel_id_that_is_not_32_hex_digits_is_refused(string id)
    {
        Assert.Equal(
            $"inventory.csv row 2, column \"channel_id\": \"{id}\" is not a Studio channel id; it has 32 "
            + "hexadecimal digits (see the channel's URL in Studio)",
            Refuses("channel_id", id));
    }

    [Theory]
    [InlineData("cloud kitchen")]
    [InlineData(".hidden")]
    [InlineData("vader;id")]
    public void A_bad_role_name_is_refused(string role)
    {
        Assert.Equal(
            $"inventory.csv row 2, column \"role\": \"{role}\" is not a role name; use letters, digits, '.', '_' "
            + "or '-' (for example cloud-kitchen)",
            Refuses("role", role));
    }

    [Theory]
    [InlineData("repo_url")]
    [InlineData("command")]
    public void A_required_cell_left_empty_is_refused(string column)
    {
        Assert.Equal(
            $"inventory.csv row 2, column \"{column}\": the cell is empty; every chef needs a {column}",
            Refuses(column, "  "));
    }

    [Theory]
    [InlineData("schedule")]
    [InlineData("role")]
    [InlineData("branch")]
    [InlineData("channel_id")]
    [InlineData("post_setup")]
    [InlineData("cwd")]
    public void Optional_cells_may_be_left_empty(string column)
    {
        Assert.Equal("khan_academy_en", Accepts(column, "").Name);
    }

    [Fact]
    public void Every_bad_cell_of_one_row_is_reported()
    {
        var row = new Dictionary<string, string>
        {
            ["chef_name"] = "bad.name",
            ["repo_url"] = "-x",
            ["command"] = "a\nb",
            ["schedule"] = "@reboot",
            ["role"] = "a b",
            ["branch"] = "a..b",
            ["channel_id"] = "xyz",
            ["post_setup"] = "c\nd",
            ["cwd"] = "..",
        };

        var e = Assert.Throws<InventoryException>(() => Parse(Csv(row)));

        Assert.Equal(Columns, e.Errors.Select(x => x.Column));
        Assert.All(e.Errors, x => Assert.Equal(2, x.Row));
        Assert.StartsWith("The inventory inventory.csv has 9 errors; nothing was run:", e.Message);
    }
}
