namespace SushOps.Sheets;

/// <summary>How sushops identifies itself to the Sheets API, for messages that must say who was refused.</summary>
/// <param name="ServiceAccount">The service account's email, when a JSON key is used.</param>
/// <param name="CredentialsFile">The JSON key file, when one is used.</param>
public sealed record SheetsApiAccess(string? ServiceAccount, string? CredentialsFile)
{
    /// <summary>True when an API key, not a service account, is used.</summary>
    public bool IsApiKey => ServiceAccount is null;

    /// <summary>How <c>inventory show</c> names this way in.</summary>
    public string Describe() => IsApiKey ? "Sheets API with an API key" : $"Sheets API as {ServiceAccount}";
}
