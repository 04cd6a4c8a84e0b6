namespace SushOps.Tests.Infrastructure.Google;

/// <summary>One sheet (tab) of a stand-in spreadsheet: its gid, its name, and its cells row by row.</summary>
public sealed class StandInSheet(long gid, string title, IEnumerable<string[]> rows)
{
    public long Gid { get; } = gid;

    public string Title { get; } = title;

    /// <summary>The cells as the browser shows them; row 1 first. Shorter rows have empty cells after them.</summary>
    public List<string[]> Rows { get; set; } = rows.ToList();
}
