using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog;

namespace SushOps.Studio;

/// <summary>
/// Speaks to Kolibri Studio as it is now: token calls for reading channels, diffs and statuses and for
/// publishing; a logged-in session (email and password, with Django's CSRF cookie) for deploying a staged
/// tree through <c>api/sync/</c>, the only way Studio deploys.
/// </summary>
public sealed class StudioClient : IDisposable
{
    /// <summary>Studio's change type for "deploy the staged tree" in <c>api/sync/</c>.</summary>
    public const int DeployedChange = 8;

    // Studio's login page turns away clients that do not look like a browser.
    private const string BrowserUserAgent = "Mozilla/5.0 (X11; Linux x86_64) sushops";

    private readonly HttpClient _http;
    private readonly CookieContainer _cookies = new();
    private readonly Uri _base;
    private readonly Secret _token;

    /// <summary>A client for the Studio at <paramref name="baseUrl"/>, with the API token.</summary>
    public StudioClient(Uri baseUrl, Secret token)
    {
        _base = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _token = token;
        var handler = new HttpClientHandler
        {
            CookieContainer = _cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler) { BaseAddress = _base, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(BrowserUserAgent);
    }

    /// <summary>True once <see cref="LoginAsync"/> succeeded.</summary>
    public bool LoggedIn { get; private set; }

    /// <summary>The channel's trees and version (<c>GET api/channel/ID</c>).</summary>
    public async Task<StudioChannel> GetChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        var path = $"api/channel/{channelId}";
        using var response = await SendWithTokenAsync(HttpMethod.Get, path, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StudioException(
                $"Studio at {_base} has no channel {channelId} that the token's account can edit; check the "
                + "inventory's Channel ID and that the account is an editor of the channel", response.StatusCode);
        }

        var json = await ReadObjectAsync(response, path, cancellationToken);
        return new StudioChannel(
            channelId,
            Text(json, "name"),
            Text(json, "root_id"),
            Text(json, "staging_root_id"),
            json["version"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : 0,
            json["publishing"] is JsonValue p && p.TryGetValue<bool>(out var publishing) && publishing);
    }

    /// <summary>
    /// The status of each channel (<c>api/internal/get_channel_status_bulk</c>). Studio answers 404 when any of
    /// them is not editable by the token's account, without saying which.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ChannelStatus>> GetChannelStatusesAsync(
        IReadOnlyList<string> channelIds,
        CancellationToken cancellationToken)
    {
        const string path = "api/internal/get_channel_status_bulk";
        var ids = new JsonArray(channelIds.Select(id => (JsonNode?)id).ToArray());
        var body = new JsonObject { ["channel_ids"] = ids };
        using var response = await SendWithTokenAsync(HttpMethod.Post, path, body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StudioException(
                $"Studio at {_base} says the token's account cannot edit one of the channels "
                + string.Join(", ", channelIds), response.StatusCode);
        }

        var json = await ReadObjectAsync(response, path, cancellationToken);
        var statuses = new Dictionary<string, ChannelStatus>();
        foreach (var (id, value) in json["statuses"] as JsonObject ?? [])
        {
            if (value is JsonValue text && Enum.TryParse<ChannelStatus>(text.ToString(), true, out var status))
            {
                statuses[id] = status;
            }
        }

        return statuses;
    }

    /// <summary>The node diff of a staged tree against the live tree, or that it is still being made.</summary>
    public async Task<NodeDiffLookup> GetNodeDiffAsync(
        string stagingRootId,
        string rootId,
        CancellationToken cancellationToken)
    {
        var path = $"api/get_node_diff/{stagingRootId}/{rootId}";
        using var response = await SendWithTokenAsync(HttpMethod.Get, path, null, cancellationToken);
        switch (response.StatusCode)
        {
            // Studio answers 302 with no Location while the diff is generated: a status, not a redirect.
            case HttpStatusCode.Found:
                return new NodeDiffLookup(NodeDiffStatus.Generating);
            case HttpStatusCode.NotFound:
                return new NodeDiffLookup(NodeDiffStatus.NotAvailable);
        }

        var json = await ReadObjectAsync(response, path, cancellationToken);
        var stats = (json["stats"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(stat => new DiffStat(
                Text(stat, "field") ?? "",
                Element(stat["original"]),
                Element(stat["changed"])))
            .Where(stat => stat.Field.Length > 0)
            .ToList();
        return new NodeDiffLookup(NodeDiffStatus.Ready, new NodeDiff(Text(json, "generated"), stats));
    }

    /// <summary>Asks Studio to generate the node diff (<c>POST api/generate_node_diff</c>).</summary>
    public async Task GenerateNodeDiffAsync(string stagingRootId, string rootId, CancellationToken cancellationToken)
    {
        var path = $"api/generate_node_diff/{stagingRootId}/{rootId}";
        using var response = await SendWithTokenAsync(HttpMethod.Post, path, null, cancellationToken);

        // 302 here too means a diff of these trees is already being generated.
        if (response.StatusCode != HttpStatusCode.Found)
        {
            await EnsureSuccessAsync(response, path, cancellationToken);
        }
    }

    /// <summary>
    /// Logs the deploy account in: the accounts page gives Django's CSRF cookie, the login takes the email and
    /// password as JSON and answers 302 on success, 403 for bad credentials, 405 for an account not activated.
    /// </summary>
    public async Task LoginAsync(DeployAccount account, CancellationToken cancellationToken)
    {
        using (var page = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "en/accounts/"), cancellationToken))
        {
            if (CsrfToken() is null)
            {
                throw new StudioException(
                    $"Studio's login page {_base}en/accounts/ answered {(int)page.StatusCode} without a csrftoken "
                    + "cookie, so sushops cannot log in; check studio.url", page.StatusCode);
            }
        }

        var login = SessionRequest(HttpMethod.Post, "en/accounts/login/", new JsonObject
        {
            ["username"] = account.Email,
            ["password"] = account.Password.Reveal(),
        });
        login.Headers.Referrer = new Uri(_base, "en/accounts/");
        using var response = await SendAsync(login, cancellationToken);
        var problem = response.StatusCode switch
        {
            HttpStatusCode.Found or HttpStatusCode.OK => null,
            HttpStatusCode.Forbidden => $"refused the email and password of {account.Email} (403); check "
                + "studio.credentials_file",
            HttpStatusCode.MethodNotAllowed => $"says the account {account.Email} is not activated (405); activate "
                + "it from Studio's email first",
            _ => $"answered {(int)response.StatusCode} to the login of {account.Email}",
        };
        if (problem is not null)
        {
            throw new StudioException($"Studio at {_base} {problem}", response.StatusCode);
        }

        LoggedIn = true;
        Log.Debug("Logged in to Studio at {Studio} as {Email}", _base, account.Email);
    }

    /// <summary>
    /// Asks Studio to deploy the channel's staged tree (a "deployed" change through <c>api/sync/</c>, session
    /// only). Studio applies it later, in a background task.
    /// </summary>
    /// <returns>The server revision of the accepted change, for <see cref="CheckDeployAsync"/>.</returns>
    public async Task<long> RequestDeployAsync(string channelId, CancellationToken cancellationToken)
    {
        var change = new JsonObject
        {
            ["type"] = DeployedChange,
            ["key"] = channelId,
            ["table"] = "channel",
            ["channel_id"] = channelId,
            ["rev"] = 1,
        };
        var json = await SyncAsync(new JsonArray(change), channelId, 0, [], cancellationToken);
        if (json["disallowed"] is JsonArray { Count: > 0 })
        {
            throw new StudioException(
                $"Studio did not allow the deploy of channel {channelId}: the deploy account is not an editor of "
                + "it; add the account as an editor in Studio");
        }

        var allowed = (json["allowed"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        return allowed?["server_rev"] is JsonValue rev && rev.TryGetValue<long>(out var serverRev)
            ? serverRev
            : throw new StudioException(
                $"Studio accepted no deploy change for channel {channelId}: {json.ToJsonString()}");
    }

    /// <summary>Whether the deploy change <paramref name="serverRev"/> was applied or failed.</summary>
    public async Task<DeployCheck> CheckDeployAsync(
        string channelId,
        long serverRev,
        CancellationToken cancellationToken)
    {
        var json = await SyncAsync([], channelId, serverRev, [serverRev], cancellationToken);
        bool Ours(JsonObject change) => change["server_rev"] is JsonValue rev
            && rev.TryGetValue<long>(out var value) && value == serverRev;

        var errors = (json["errors"] as JsonArray ?? []).OfType<JsonObject>().Where(Ours)
            .SelectMany(change => change["errors"] is JsonArray list
                ? list.Select(e => e?.ToString() ?? "")
                : ["the change failed"])
            .ToList();
        var applied = (json["successes"] as JsonArray ?? []).OfType<JsonObject>().Any(Ours);
        return new DeployCheck(applied, errors);
    }

    /// <summary>Starts publishing the channel with version notes (<c>api/internal/publish_channel</c>).</summary>
    public async Task PublishAsync(string channelId, string versionNotes, CancellationToken cancellationToken)
    {
        const string path = "api/internal/publish_channel";
        var body = new JsonObject { ["channel_id"] = channelId, ["version_notes"] = versionNotes };
        using var response = await SendWithTokenAsync(HttpMethod.Post, path, body, cancellationToken);
        var json = await ReadObjectAsync(response, path, cancellationToken);
        if (json["success"] is not JsonValue success || !success.TryGetValue<bool>(out var ok) || !ok)
        {
            throw new StudioException($"Studio did not start publishing channel {channelId}: {json.ToJsonString()}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<JsonObject> SyncAsync(
        JsonArray changes,
        string channelId,
        long channelRev,
        long[] unappliedRevs,
        CancellationToken cancellationToken)
    {
        if (!LoggedIn)
        {
            throw new InvalidOperationException("api/sync/ needs a logged-in session; call LoginAsync first.");
        }

        var body = new JsonObject
        {
            ["changes"] = changes,
            ["channel_revs"] = new JsonObject { [channelId] = channelRev },
            ["user_rev"] = 0,
            ["unapplied_revs"] = new JsonArray(unappliedRevs.Select(r => (JsonNode?)r).ToArray()),
        };
        var request = SessionRequest(HttpMethod.Post, "api/sync/", body);
        request.Headers.Referrer = _base;
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            var said = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new StudioException(
                $"Studio refused api/sync/ for the deploy account ({(int)response.StatusCode} {Short(said)}); "
                + "the login session was not accepted", response.StatusCode);
        }

        return await ReadObjectAsync(response, "api/sync/", cancellationToken);
    }

    private HttpRequestMessage SessionRequest(HttpMethod method, string path, JsonNode body)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = JsonContent.Create(body, CoreJson.Default.JsonNode),
        };
        request.Headers.Add("X-CSRFToken", CsrfToken() ?? "");
        return request;
    }

    // Django sets a new CSRF token at login, so it is read from the cookie each time.
    private string? CsrfToken() => _cookies.GetCookies(_base)["csrftoken"]?.Value;

    private async Task<HttpResponseMessage> SendWithTokenAsync(
        HttpMethod method,
        string path,
        JsonNode? body,
        CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", _token.Reveal());
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, CoreJson.Default.JsonNode);
        }

        var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var said = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new StudioException(
                $"Studio at {_base} refused the API token from studio.token_file for {path} "
                + $"({(int)response.StatusCode} {Short(said)}); put a valid token in that file", response.StatusCode);
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                var response = await _http.SendAsync(request, cancellationToken);
                Log.Debug("Studio {Method} {Path}: {Status}",
                    request.Method, request.RequestUri, (int)response.StatusCode);
                return response;
            }
            catch (HttpRequestException e)
            {
                throw new StudioException(
                    $"Could not reach Studio at {_base}: {e.Message}; check studio.url", null, e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new StudioException($"Studio at {_base} did not answer {request.RequestUri} within a minute",
                    null, e);
            }
        }
    }

    private async Task<JsonObject> ReadObjectAsync(
        HttpResponseMessage response,
        string path,
        CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, path, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(text) as JsonObject
                   ?? throw new StudioException($"Studio's answer to {path} is not a JSON object: {Short(text)}");
        }
        catch (JsonException)
        {
            throw new StudioException($"Studio's answer to {path} is not JSON: {Short(text)}");
        }
    }

    private static async Task EnsureSuccessAsync(
        HttpResponseMessage response,
        string path,
        CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var said = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new StudioException($"Studio answered {(int)response.StatusCode} to {path}: {Short(said)}",
                response.StatusCode);
        }
    }

    private static string? Text(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static JsonElement Element(JsonNode? node) =>
        node is null ? default : JsonSerializer.SerializeToElement(node, CoreJson.Default.JsonNode);

    private static string Short(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
}
