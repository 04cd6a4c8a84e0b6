using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Http;
using SushOps.Configuration;
using SushOps.Inventories;

namespace SushOps.Sheets;

/// <summary>
/// Reads a sheet's cells with the Sheets API v4 (<c>spreadsheets.get</c> to find a sheet by gid, then
/// <c>spreadsheets.values.get</c>), signed in as a service account or with an API key.
/// </summary>
/// <remarks>
/// The generated client, Google.Apis.Sheets.v4, is not available to this project's machines; this class is
/// the whole of what sushops needs from it and is the one place to change when that package can be used.
/// </remarks>
public sealed partial class SheetsApiClient : IDisposable
{
    /// <summary>The OAuth scope asked for: reading sheets, nothing else.</summary>
    public const string ReadOnlyScope = "https://www.googleapis.com/auth/spreadsheets.readonly";

    private readonly HttpClient _http;
    private readonly Uri _apiBase;
    private readonly Secret? _apiKey;

    private readonly QuotaRetry _retry;

    private SheetsApiClient(HttpClient http, Uri apiBase, Secret? apiKey, SheetsApiAccess access, QuotaRetry retry)
    {
        _http = http;
        _retry = retry;
        _apiBase = apiBase;
        _apiKey = apiKey;
        Access = access;
    }

    /// <summary>Who the client reads as.</summary>
    public SheetsApiAccess Access { get; }

    /// <summary>
    /// A client for the config's credentials: the service account key of <c>google.credentials_file</c>,
    /// else <c>google.api_key</c>. Answers 429 are sent again as <paramref name="retry"/> says.
    /// </summary>
    public static SheetsApiClient Create(GoogleSettings settings, string? configSource, QuotaRetry retry)
    {
        var args = new CreateHttpClientArgs { ApplicationName = "sushops" };
        if (settings.CredentialsFile is not { } path)
        {
            var keyOnly = new SheetsApiAccess(null, null);
            return new SheetsApiClient(HttpClientOf(args), settings.ApiBaseUrl, settings.ApiKey, keyOnly, retry);
        }

        // With scopes, the service account asks the key's token_uri for an OAuth token (a JWT bearer grant),
        // and the client adds it to each request and renews it when it runs out.
        var account = ReadServiceAccount(path, configSource);
        args.Initializers.Add(account.ToGoogleCredential().CreateScoped(ReadOnlyScope));
        var access = new SheetsApiAccess(account.Id, path);
        return new SheetsApiClient(HttpClientOf(args), settings.ApiBaseUrl, null, access, retry);
    }

    /// <summary>Google's HTTP client, which applies the credential to every request.</summary>
    private static HttpClient HttpClientOf(CreateHttpClientArgs args)
    {
        var http = new HttpClientFactory().CreateHttpClient(args);
        http.Timeout = TimeSpan.FromSeconds(60);
        return http;
    }

    /// <summary>The rows of <paramref name="sheet"/>, numbered as the browser shows them.</summary>
    public async Task<IReadOnlyList<InventoryLine>> ReadAsync(SheetAddress sheet, CancellationToken cancellationToken)
    {
        var range = sheet.Range ?? await SheetTitleAsync(sheet, cancellationToken);
        var path = $"v4/spreadsheets/{sheet.SpreadsheetId}/values/{Uri.EscapeDataString(range)}"
            + "?majorDimension=ROWS&valueRenderOption=FORMATTED_VALUE";
        using var document = await GetJsonAsync(path, sheet, cancellationToken);
        return Lines(document.RootElement);
    }

    /// <summary>
    /// Rows of a <c>ValueRange</c> answer. The API leaves out trailing empty cells and rows, so rows may be
    /// shorter than the header; they are numbered from the first row of the range it reports.
    /// </summary>
    public static IReadOnlyList<InventoryLine> Lines(JsonElement valueRange)
    {
        var range = valueRange.TryGetProperty("range", out var r) ? r.GetString() ?? "" : "";
        var first = FirstRow(range);
        if (!valueRange.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return values.EnumerateArray()
            .Select((row, index) => new InventoryLine(first + index, row.EnumerateArray().Select(Text).ToArray()))
            .ToList();
    }

    /// <summary>The first row of an A1 range such as <c>'Chefs 2024'!B3:K</c>; 1 when it names none.</summary>
    public static int FirstRow(string range)
    {
        var cells = range[(range.LastIndexOf('!') + 1)..];
        var match = FirstCell().Match(cells);
        return match.Success ? int.Parse(match.Groups["row"].Value, CultureInfo.InvariantCulture) : 1;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static ServiceAccountCredential ReadServiceAccount(string path, string? configSource)
    {
        var where = configSource is null ? "google.credentials_file" : $"google.credentials_file in {configSource}";
        if (!File.Exists(path))
        {
            throw new SushOpsException(
                $"{where} is {path}, which does not exist; download the service account's JSON key "
                + "(Google Cloud console > IAM > Service accounts > Keys > Add key > JSON) and put it there");
        }

        try
        {
            return CredentialFactory.FromJson<ServiceAccountCredential>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or ArgumentException
            or FormatException or Newtonsoft.Json.JsonException or System.Security.Cryptography.CryptographicException)
        {
            throw new SushOpsException(
                $"{where}: {path} is not a service account's JSON key ({e.Message}); download a new JSON key "
                + "of the service account from the Google Cloud console and point google.credentials_file at it");
        }
    }

    private async Task<string> SheetTitleAsync(SheetAddress sheet, CancellationToken cancellationToken)
    {
        var path = $"v4/spreadsheets/{sheet.SpreadsheetId}?fields=sheets.properties(sheetId,title)";
        using var document = await GetJsonAsync(path, sheet, cancellationToken);
        var root = document.RootElement;
        var sheets = root.TryGetProperty("sheets", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(s => s.GetProperty("properties"))
                .Select(p => (Id: p.GetProperty("sheetId").GetInt64(), Title: p.GetProperty("title").GetString()))
                .ToList()
            : [];
        var found = sheet.Gid is { } gid ? sheets.FirstOrDefault(s => s.Id == gid) : sheets.FirstOrDefault();
        if (found.Title is null)
        {
            var known = string.Join(", ", sheets.Select(s => $"\"{s.Title}\" (gid {s.Id})"));
            throw new SushOpsException(
                $"The spreadsheet {sheet.SpreadsheetId} has no sheet with gid {sheet.Gid}; its sheets are {known}. "
                + "Open the sheet in the browser and copy its URL, which ends in #gid=<gid>");
        }

        // A sheet's name alone, quoted, is a range that covers the whole sheet.
        return "'" + found.Title.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private async Task<JsonDocument> GetJsonAsync(string path, SheetAddress sheet, CancellationToken cancellationToken)
    {
        // Every path here already has a query; the key, when used, goes last.
        var uri = new Uri(_apiBase, path + (_apiKey is { } key ? "&key=" + Uri.EscapeDataString(key.Reveal()) : ""));

        try
        {
            using var response = await _retry.SendAsync(_http, () => Get(uri), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SushOpsException(
                    SheetsApiErrors.Explain(response.StatusCode, GoogleError.TryParse(body), sheet, Access));
            }

            return JsonDocument.Parse(body);
        }
        catch (TokenResponseException e)
        {
            throw new SushOpsException(
                $"Google's token endpoint refused the service account key in {Access.CredentialsFile} "
                + $"({e.Error.Error}: {e.Error.ErrorDescription}); the key may have been deleted or disabled: "
                + "make a new JSON key for the service account and point google.credentials_file at it");
        }
        catch (HttpRequestException e)
        {
            throw new SushOpsException($"The Sheets API at {_apiBase.Host} could not be reached: {Redact(e.Message)}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SushOpsException($"The Sheets API at {_apiBase.Host} did not answer within a minute");
        }
        catch (JsonException e)
        {
            throw new SushOpsException($"The Sheets API at {_apiBase.Host} answered with JSON that is not a "
                + $"sheet's values: {e.Message}");
        }
    }

    private string Redact(string text) => _apiKey?.Redact(text) ?? text;

    private static HttpRequestMessage Get(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static string Text(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString() ?? "",
        JsonValueKind.Null => "",
        _ => cell.GetRawText(),
    };

    [GeneratedRegex(@"^\$?[A-Za-z]*\$?(?<row>\d+)")]
    private static partial Regex FirstCell();
}
