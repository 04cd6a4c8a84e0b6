namespace SushOps.Tests.Infrastructure.Google;

/// <summary>A spreadsheet the stand-in serves, with who may read it.</summary>
public sealed class StandInSpreadsheet(string id, params StandInSheet[] sheets)
{
    public string Id { get; } = id;

    public List<StandInSheet> Sheets { get; } = sheets.ToList();

    /// <summary>"Anyone with the link can view": the CSV export and API keys can read it.</summary>
    public bool LinkShared { get; set; }

    /// <summary>Emails (service accounts) the sheet is shared with.</summary>
    public HashSet<string> SharedWith { get; } = [];

    public StandInSheet? Find(long? gid) => gid is { } id ? Sheets.FirstOrDefault(s => s.Gid == id) : Sheets[0];
}
