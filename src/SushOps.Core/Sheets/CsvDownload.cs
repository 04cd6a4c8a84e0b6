using System.Net;
using SushOps.Inventories;

namespace SushOps.Sheets;

/// <summary>
/// Fetches inventory CSV over HTTP: a link-shared sheet's CSV export, or any URL that answers with CSV.
/// Redirects are followed, as Google's export answers with a redirect to the host that serves the file.
/// </summary>
public sealed class CsvDownload : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>A client with its own connection pool; <paramref name="handler"/> replaces it in tests.</summary>
    public CsvDownload(HttpMessageHandler? handler = null) =>
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = true })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>How 429 answers are retried.</summary>
    public QuotaRetry Retry { get; init; } = QuotaRetry.Default;

    /// <summary>The export URL of a sheet: <c>{base}spreadsheets/d/{id}/export?format=csv&amp;gid={gid}</c>.</summary>
    public static Uri ExportUrl(SheetAddress sheet, Uri exportBase)
    {
        if (sheet.Range is not null)
        {
            throw new SushOpsException(
                $"{sheet}: the CSV export of a link-shared sheet reads whole sheets, chosen by gid, not ranges; "
                + $"use gsheet:{sheet.SpreadsheetId}#<gid> (the gid is in the sheet's URL), or set "
                + "google.credentials_file or google.api_key to read the range through the Sheets API");
        }

        var gid = sheet.Gid is { } id ? $"&gid={id}" : "";
        return new Uri(exportBase, $"spreadsheets/d/{sheet.SpreadsheetId}/export?format=csv{gid}");
    }

    /// <summary>The rows of a link-shared sheet, read through its CSV export.</summary>
    public async Task<IReadOnlyList<InventoryLine>> ReadSheetAsync(
        SheetAddress sheet,
        Uri exportBase,
        CancellationToken cancellationToken)
    {
        var url = ExportUrl(sheet, exportBase);
        using var response = await GetAsync(url, cancellationToken);
        var final = response.RequestMessage?.RequestUri ?? url;
        if (IsSignInPage(final))
        {
            throw new SushOpsException(
                $"The sheet {sheet} is not shared by link: its CSV export answered with Google's sign-in page. "
                + "Share it (Share > General access > Anyone with the link, Viewer), or keep it private and "
                + "set google.credentials_file to the JSON key of a service account the sheet is shared with");
        }

        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            var which = sheet.Gid is { } gid ? $" or it has no sheet with gid {gid}" : "";
            throw new SushOpsException(
                $"The sheet {sheet} was not found (its CSV export answered HTTP {(int)response.StatusCode}): there is "
                + $"no spreadsheet with the id {sheet.SpreadsheetId}{which}; copy the sheet's URL from the browser "
                + "again, with its #gid=");
        }

        return await CsvOfAsync(response, sheet.ToString(), cancellationToken);
    }

    /// <summary>The rows of the CSV at <paramref name="url"/>.</summary>
    public async Task<IReadOnlyList<InventoryLine>> ReadUrlAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(url, cancellationToken);
        return await CsvOfAsync(response, url.ToString(), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // Google sends a visitor without access to accounts.google.com; its paths name the sign-in.
    private static bool IsSignInPage(Uri uri) =>
        uri.Host.Equals("accounts.google.com", StringComparison.OrdinalIgnoreCase)
        || uri.AbsolutePath.Contains("ServiceLogin", StringComparison.OrdinalIgnoreCase)
        || uri.AbsolutePath.Contains("/signin", StringComparison.OrdinalIgnoreCase);

    private async Task<HttpResponseMessage> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await Retry.SendAsync(_http, () => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SushOpsException($"{url.Host} could not be reached for the inventory: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SushOpsException($"{url.Host} did not answer within a minute for the inventory");
        }
    }

    private static async Task<IReadOnlyList<InventoryLine>> CsvOfAsync(
        HttpResponseMessage response,
        string source,
        CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new SushOpsException(
                $"{source}: the server answered 429 (too many requests) to every try over several seconds; "
                + "wait a minute and try again");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SushOpsException(
                $"{source} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}; check the address");
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            throw new SushOpsException(
                $"{source} answered with a web page, not CSV; give the address of the CSV itself "
                + "(for a file in a git forge, its raw view)");
        }

        using var reader = new StringReader(body);
        return InventoryLoader.ReadCsv(reader, source);
    }
}
