namespace SushOps.Configuration;

/// <summary>How sushops reaches an inventory kept in a Google Sheet.</summary>
/// <param name="CredentialsFile">A service account's JSON key; with it, sheets are read by the Sheets API.</param>
/// <param name="ApiKey">An API key for the Sheets API; it reads only sheets that are shared by link.</param>
/// <param name="ExportBaseUrl">Where sheets' CSV exports are fetched from when no credentials are given.</param>
/// <param name="ApiBaseUrl">The Sheets API's address.</param>
public sealed record GoogleSettings(string? CredentialsFile, Secret? ApiKey, Uri ExportBaseUrl, Uri ApiBaseUrl)
{
    /// <summary>Google's own addresses and no credentials: link-shared sheets through their CSV export.</summary>
    public static GoogleSettings Default { get; } =
        new(null, null, new Uri("https://docs.google.com/"), new Uri("https://sheets.googleapis.com/"));

    /// <summary>True when sheets are read through the Sheets API rather than the CSV export.</summary>
    public bool UsesApi => CredentialsFile is not null || ApiKey is not null;
}
