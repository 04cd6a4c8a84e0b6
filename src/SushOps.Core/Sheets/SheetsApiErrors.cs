using System.Net;

namespace SushOps.Sheets;

/// <summary>Turns the Sheets API's error answers into sentences that say what to change.</summary>
public static class SheetsApiErrors
{
    /// <summary>The message for an unsuccessful answer about <paramref name="sheet"/>.</summary>
    public static string Explain(HttpStatusCode status, GoogleError? error, SheetAddress sheet, SheetsApiAccess access)
    {
        var said = error is null ? $"HTTP {(int)status}" : $"HTTP {(int)status} {error.Status}: {error.Message}";
        var prefix = $"The Sheets API refused to read {sheet} ({said})";
        return (status, error?.Reason) switch
        {
            _ when IsApiKeyProblem(status, error) =>
                $"{prefix}: google.api_key was refused; copy the key again from the Google Cloud console "
                + "(APIs & Services > Credentials) and check that it may call the Google Sheets API",
            (HttpStatusCode.BadRequest, _) when Mentions(error, "range") =>
                $"{prefix}: the range {sheet.Range} does not exist; give a sheet name that the spreadsheet has and "
                + "an A1 range, for example gsheet:<id>!Chefs!A1:K, or use the sheet's URL with #gid=",
            (HttpStatusCode.Unauthorized, _) =>
                $"{prefix}: the service account's token was not accepted; make a new JSON key for "
                + $"{access.ServiceAccount ?? "the service account"} and point google.credentials_file at it",
            (HttpStatusCode.Forbidden, "SERVICE_DISABLED" or "accessNotConfigured") =>
                $"{prefix}: enable the Google Sheets API in the Google Cloud project of the key "
                + "(APIs & Services > Library > Google Sheets API > Enable), wait a few minutes and try again",
            (HttpStatusCode.Forbidden, _) when access.IsApiKey =>
                $"{prefix}: the sheet is not shared by link, and an API key reads only such sheets; share it "
                + "(Share > General access > Anyone with the link) or set google.credentials_file to a service "
                + "account's key and share the sheet with the service account's email",
            (HttpStatusCode.Forbidden, _) =>
                $"{prefix}: the sheet is not shared with the service account; in the sheet, Share it with "
                + $"{access.ServiceAccount} as Viewer",
            (HttpStatusCode.NotFound, _) =>
                $"{prefix}: there is no spreadsheet with the id {sheet.SpreadsheetId}; copy the sheet's URL "
                + "from the browser again",
            (HttpStatusCode.TooManyRequests, _) =>
                $"{prefix}: the read quota is used up and stayed so after several tries with growing waits; "
                + "wait a minute and try again, or raise the Sheets API quota of the key's Google Cloud project",
            _ => $"{prefix}; try again later, or read the sheet with --offline from its last good copy",
        };
    }

    private static bool Mentions(GoogleError? error, string word) =>
        error?.Message.Contains(word, StringComparison.OrdinalIgnoreCase) == true;

    private static bool IsApiKeyProblem(HttpStatusCode status, GoogleError? error) =>
        error?.Reason == "API_KEY_INVALID"
        || (status == HttpStatusCode.BadRequest
            && error?.Message.Contains("API key", StringComparison.OrdinalIgnoreCase) == true);
}
