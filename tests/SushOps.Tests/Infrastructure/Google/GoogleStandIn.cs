using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using CsvHelper;
using CsvHelper.Configuration;

namespace SushOps.Tests.Infrastructure.Google;

/// <summary>
/// Google on loopback, answering as Google does: the CSV export of docs.google.com (a 307 to a content host
/// for a link-shared sheet, a redirect to the sign-in page for any other), the Sheets API v4 (metadata and
/// values.get, with its JSON error bodies), and the OAuth token endpoint for service accounts (JWT bearer
/// grant, signature checked against the account's public key).
/// </summary>
public sealed class GoogleStandIn : IDisposable
{
    public const string ReadOnlyScope = "https://www.googleapis.com/auth/spreadsheets.readonly";

    /// <summary>The audience Google's token endpoint wants in a service account's JWT, wherever sent.</summary>
    public const string Audience = "https://oauth2.googleapis.com/token";

    private readonly HttpListener _docs;
    private readonly HttpListener _content;
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    public GoogleStandIn()
    {
        (_docs, BaseUrl) = Listen();
        (_content, ContentUrl) = Listen();
        _ = ServeAsync(_docs, HandleDocsAsync);
        _ = ServeAsync(_content, HandleContentAsync);
    }

    /// <summary>docs.google.com, sheets.googleapis.com and oauth2.googleapis.com in one.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The host the export redirects to, as Google's googleusercontent.com.</summary>
    public Uri ContentUrl { get; }

    public Uri TokenUri => new(BaseUrl, "token");

    public ConcurrentDictionary<string, StandInSpreadsheet> Spreadsheets { get; } = new();

    public HashSet<string> ApiKeys { get; } = [];

    /// <summary>Service accounts by email, with the key their JWTs must be signed with.</summary>
    public ConcurrentDictionary<string, RSA> ServiceAccounts { get; } = new();

    /// <summary>How many of the next API requests are answered 429, quota exceeded.</summary>
    public int QuotaFailures { get; set; }

    /// <summary>When true, every answer is 503, as when Google has an outage.</summary>
    public bool Unavailable { get; set; }

    /// <summary>Every request, as "METHOD path" (the query left out: it may hold a key).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public int TokensIssued => _tokens.Count;

    /// <summary>Plain files served at <c>/files/NAME</c> with their content type, as any web server would.</summary>
    public ConcurrentDictionary<string, (string Body, string ContentType)> Files { get; } = new();

    public StandInSpreadsheet Add(StandInSpreadsheet spreadsheet) => Spreadsheets[spreadsheet.Id] = spreadsheet;

    public void Dispose()
    {
        _docs.Close();
        _content.Close();
    }

    private static (HttpListener, Uri) Listen()
    {
        // HttpListener cannot take port 0; a port the system just handed out is free but for rare races.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var url = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private static async Task ServeAsync(HttpListener listener, Func<HttpListenerContext, Task> handle)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await handle(context);
                }
                finally
                {
                    context.Response.Close();
                }
            });
        }
    }

    private async Task HandleDocsAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.RawUrl!.Split('?')[0];
        Requests.Enqueue($"{request.HttpMethod} {path}");
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (Unavailable)
        {
            await Html(context.Response, 503, "Service Unavailable");
        }
        else if (segments is ["spreadsheets", "d", var id, "export"])
        {
            await ExportAsync(context, id);
        }
        else if (segments is ["files", var name] && Files.TryGetValue(name, out var file))
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = file.ContentType;
            await Write(context.Response, file.Body);
        }
        else if (segments is ["ServiceLogin"])
        {
            await Html(context.Response, 200, "Sign in - Google Accounts");
        }
        else if (segments is ["token"] && request.HttpMethod == "POST")
        {
            await TokenAsync(context);
        }
        else if (segments is ["v4", "spreadsheets", var sheetId, ..])
        {
            await ApiAsync(context, sheetId, segments[3..]);
        }
        else
        {
            await Html(context.Response, 404, "Not Found");
        }
    }

    private async Task ExportAsync(HttpListenerContext context, string id)
    {
        var query = context.Request.QueryString;
        if (!Spreadsheets.TryGetValue(id, out var spreadsheet))
        {
            await Html(context.Response, 404, "Sorry, unable to open the file at this time.");
            return;
        }

        if (!spreadsheet.LinkShared)
        {
            var back = Uri.EscapeDataString(context.Request.Url!.ToString());
            var signIn = new Uri(BaseUrl, $"ServiceLogin?service=wise&passive=1209600&continue={back}");
            Redirect(context.Response, 302, signIn);
            return;
        }

        var gid = query["gid"] is { } g ? $"&gid={g}" : "";
        var ticket = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        Redirect(context.Response, 307, new Uri(ContentUrl, $"export/{ticket}?id={id}&format=csv{gid}"));
    }

    private async Task HandleContentAsync(HttpListenerContext context)
    {
        var query = context.Request.QueryString;
        Requests.Enqueue($"{context.Request.HttpMethod} content{context.Request.Url!.AbsolutePath}");
        var spreadsheet = Spreadsheets.GetValueOrDefault(query["id"] ?? "");
        var sheet = spreadsheet?.Find(query["gid"] is { } gid ? long.Parse(gid, CultureInfo.InvariantCulture) : null);
        if (sheet is null)
        {
            await Html(context.Response, 400, "Bad Request");
            return;
        }

        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/csv";
        response.AddHeader("Content-Disposition", $"attachment; filename=\"inventory - {sheet.Title}.csv\"");
        await Write(response, ExportCsv(sheet));
    }

    // The export pads every row to the width of the widest and ends lines with CRLF.
    private static string ExportCsv(StandInSheet sheet)
    {
        var width = sheet.Rows.Count == 0 ? 0 : sheet.Rows.Max(r => r.Length);
        using var writer = new StringWriter();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using (var csv = new CsvWriter(writer, configuration))
        {
            foreach (var row in sheet.Rows)
            {
                foreach (var cell in row.Concat(Enumerable.Repeat("", width - row.Length)))
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return writer.ToString();
    }

    private async Task ApiAsync(HttpListenerContext context, string id, string[] rest)
    {
        var response = context.Response;
        var key = context.Request.QueryString["key"];
        var bearer = context.Request.Headers["Authorization"] is { } auth && auth.StartsWith("Bearer ")
            ? auth["Bearer ".Length..]
            : null;
        if (QuotaFailures > 0)
        {
            QuotaFailures--;
            await Error(response, 429, "RESOURCE_EXHAUSTED",
                "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' "
                + "of service 'sheets.googleapis.com' for consumer 'project_number:104857600'.",
                "RATE_LIMIT_EXCEEDED");
            return;
        }

        if (key is not null && !ApiKeys.Contains(key))
        {
            await Error(response, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
                "API_KEY_INVALID");
            return;
        }

        string? account = null;
        if (bearer is not null && !_tokens.TryGetValue(bearer, out account))
        {
            await Error(response, 401, "UNAUTHENTICATED",
                "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or "
                + "other valid authentication credential.", "ACCESS_TOKEN_TYPE_UNSUPPORTED");
            return;
        }

        if (key is null && account is null)
        {
            await Error(response, 403, "PERMISSION_DENIED", "The request is missing a valid API key.", null);
            return;
        }

        if (!Spreadsheets.TryGetValue(id, out var spreadsheet))
        {
            await Error(response, 404, "NOT_FOUND", "Requested entity was not found.", null);
            return;
        }

        if (!spreadsheet.LinkShared && (account is null || !spreadsheet.SharedWith.Contains(account)))
        {
            await Error(response, 403, "PERMISSION_DENIED", "The caller does not have permission", null);
            return;
        }

        await (rest is ["values", var range]
            ? ValuesAsync(response, spreadsheet, range)
            : MetadataAsync(response, spreadsheet));
    }

    private static Task MetadataAsync(HttpListenerResponse response, StandInSpreadsheet spreadsheet)
    {
        var sheets = spreadsheet.Sheets.Select(s => new { properties = new { sheetId = s.Gid, title = s.Title } });
        return Json(response, 200, new { sheets });
    }

    private static Task ValuesAsync(HttpListenerResponse response, StandInSpreadsheet spreadsheet, string text)
    {
        if (StandInRange.Parse(text, spreadsheet) is not { } range)
        {
            return Error(response, 400, "INVALID_ARGUMENT", $"Unable to parse range: {text}", null);
        }

        var values = range.Values();
        return values.Count == 0
            ? Json(response, 200, new { range = range.ToString(), majorDimension = "ROWS" })
            : Json(response, 200, new { range = range.ToString(), majorDimension = "ROWS", values });
    }

    private async Task TokenAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
        var response = context.Response;
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer" || form["assertion"] is not { } jwt)
        {
            await Json(response, 400, new { error = "unsupported_grant_type", error_description = "Invalid grant" });
            return;
        }

        var parts = jwt.Split('.');
        using var claims = JsonDocument.Parse(Base64Url(parts[1]));
        var issuer = claims.RootElement.GetProperty("iss").GetString()!;
        if (!ServiceAccounts.TryGetValue(issuer, out var rsa))
        {
            await Json(response, 400, new { error = "invalid_grant", error_description = "Invalid grant" });
            return;
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var valid = rsa.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var audience = claims.RootElement.GetProperty("aud").GetString();
        var scope = claims.RootElement.TryGetProperty("scope", out var s) ? s.GetString() : null;
        if (!valid || audience != Audience || scope?.Split(' ').Contains(ReadOnlyScope) != true)
        {
            await Json(response, 400, new { error = "invalid_grant", error_description = "Invalid JWT Signature." });
            return;
        }

        var token = "ya29.standin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _tokens[token] = issuer;
        await Json(response, 200, new { access_token = token, expires_in = 3599, token_type = "Bearer" });
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private static Task Error(HttpListenerResponse response, int code, string status, string message, string? reason)
    {
        object error = reason is null
            ? new { code, message, status }
            : new
            {
                code,
                message,
                status,
                details = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                        ["reason"] = reason,
                        ["domain"] = "googleapis.com",
                        ["metadata"] = new Dictionary<string, string> { ["service"] = "sheets.googleapis.com" },
                    },
                },
            };
        return Json(response, code, new { error });
    }

    private static Task Json(HttpListenerResponse response, int status, object body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=UTF-8";
        return Write(response, JsonSerializer.Serialize(body));
    }

    private static Task Html(HttpListenerResponse response, int status, string title)
    {
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        return Write(response, $"<!DOCTYPE html><html><head><title>{title}</title></head><body>{title}</body></html>");
    }

    private static void Redirect(HttpListenerResponse response, int status, Uri location)
    {
        response.StatusCode = status;
        response.RedirectLocation = location.ToString();
        response.ContentType = "text/html; charset=UTF-8";
    }

    private static async Task Write(HttpListenerResponse response, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }
}
