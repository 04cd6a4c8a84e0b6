using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SushOps.Tests.Studio;

/// <summary>
/// A Kolibri Studio on a loopback port that answers the way Studio does now: token calls for channels, diffs,
/// statuses and publishing; a 302 without Location while a diff is generated; a login that needs a browser-like
/// User-Agent and Django's CSRF cookie; api/sync/ for sessions only, applied by a background task after a delay;
/// disallowed changes; an asynchronous publish; 404 for channels the token's account cannot edit.
/// </summary>
public sealed class StudioStandIn : IAsyncDisposable
{
    public const string OutOfStorageMessage = "Out of storage! Request more space under Settings > Storage.";

    private readonly HttpListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _sessions = [];
    private readonly List<StandInChange> _changes = [];
    private readonly Task _serving;
    private long _serverRev;

    public StudioStandIn()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                Url = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Prefixes.Clear();
            }
        }

        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; } = null!;

    public string Token { get; set; } = "studio-token-" + Guid.NewGuid().ToString("N")[..8];

    public Dictionary<string, StandInChannel> Channels { get; } = [];

    public List<StandInAccount> Accounts { get; } = [];

    /// <summary>How long the background task takes to apply a deploy.</summary>
    public TimeSpan ApplyDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long a publish takes.</summary>
    public TimeSpan PublishDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Every request as "METHOD path status".</summary>
    public List<string> Requests { get; } = [];

    public StandInChannel AddChannel(string? id = null)
    {
        var channel = new StandInChannel(id ?? Guid.NewGuid().ToString("N"));
        lock (_lock)
        {
            Channels[channel.Id] = channel;
        }

        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e)
                when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = reader.ReadToEnd();
        }

        (int Status, string Body) answer;
        lock (_lock)
        {
            answer = Route(request, path, body, context.Response);
            Requests.Add($"{request.HttpMethod} {path} {answer.Status}");
        }

        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    private (int, string) Route(HttpListenerRequest request, string path, string body, HttpListenerResponse response)
    {
        var parts = path.Trim('/').Split('/');
        return (request.HttpMethod, parts) switch
        {
            ("GET", ["en", "accounts"]) => AccountsPage(request, response),
            ("POST", ["en", "accounts", "login"]) => Login(request, body, response),
            ("POST", ["api", "sync"]) => Sync(request, body),
            _ when !TokenAccepted(request, out var refusal) => refusal,
            ("GET", ["api", "channel", var id]) => GetChannel(id),
            ("POST", ["api", "internal", "get_channel_status_bulk"]) => Statuses(body),
            ("GET", ["api", "get_node_diff", var staged, var live]) => GetDiff(staged, live),
            ("POST", ["api", "generate_node_diff", var staged, var live]) => GenerateDiff(staged, live),
            ("POST", ["api", "internal", "publish_channel"]) => Publish(body),
            _ => (404, "{\"detail\":\"Not found.\"}"),
        };
    }

    private bool TokenAccepted(HttpListenerRequest request, out (int, string) refusal)
    {
        var header = request.Headers["Authorization"];
        refusal = header is null
            ? (401, "{\"detail\":\"Authentication credentials were not provided.\"}")
            : (401, "{\"detail\":\"Invalid token.\"}");
        return header == "Token " + Token;
    }

    private (int, string) GetChannel(string id)
    {
        if (Editable(id) is not { } channel)
        {
            return (404, "{\"detail\":\"Not found.\"}");
        }

        var json = new JsonObject
        {
            ["id"] = channel.Id,
            ["name"] = channel.Name,
            ["root_id"] = channel.RootId,
            ["staging_root_id"] = channel.StagingRootId,
            ["version"] = channel.Version,
            ["publishing"] = channel.Publishing,
            ["language"] = "en",
            ["last_published"] = channel.Version > 0 ? "2026-12-01T10:00:00Z" : null,
        };
        return (200, json.ToJsonString());
    }

    private (int, string) Statuses(string body)
    {
        var ids = (JsonNode.Parse(body)?["channel_ids"] as JsonArray ?? []).Select(n => n!.ToString()).ToList();
        if (ids.Any(id => Editable(id) is null))
        {
            return (404, "{\"detail\":\"Not found.\"}");
        }

        var statuses = new JsonObject();
        foreach (var channel in ids.Select(id => Channels[id]))
        {
            statuses[channel.Id] = channel.Deleted ? "deleted"
                : channel.StagingRootId is not null ? "staged"
                : channel.Version == 0 ? "unpublished"
                : "active";
        }

        return (200, new JsonObject { ["success"] = true, ["statuses"] = statuses }.ToJsonString());
    }

    private (int, string) GetDiff(string staged, string live)
    {
        var channel = Channels.Values.FirstOrDefault(c => c.StagingRootId == staged && c.RootId == live);
        if (channel is { GeneratingPolls: > 0 })
        {
            channel.GeneratingPolls--;
            return (302, "\"Diff is being generated\"");
        }

        return channel?.Diff is { } diff ? (200, diff.ToJsonString()) : (404, "\"Diff is not available\"");
    }

    private (int, string) GenerateDiff(string staged, string live)
    {
        var channel = Channels.Values.FirstOrDefault(c => c.StagingRootId == staged && c.RootId == live);
        if (channel is null)
        {
            return (404, "\"Diff is not available\"");
        }

        channel.GeneratingPolls = channel.PollsPerGeneration;
        channel.Diff ??= StagedDiffs.Clean();
        return (200, "\"Diff is being generated\"");
    }

    private (int, string) Publish(string body)
    {
        var json = JsonNode.Parse(body)!;
        if (Editable(json["channel_id"]?.ToString() ?? "") is not { } channel)
        {
            return (404, "{\"detail\":\"Not found.\"}");
        }

        channel.Publishing = true;
        channel.VersionNotes.Add(json["version_notes"]?.ToString() ?? "");
        _ = Task.Delay(PublishDelay).ContinueWith(_ =>
        {
            lock (_lock)
            {
                channel.Version++;
                channel.Publishing = false;
            }
        }, TaskScheduler.Default);
        return (200, new JsonObject { ["success"] = true, ["channel"] = channel.Id }.ToJsonString());
    }

    private (int, string) AccountsPage(HttpListenerRequest request, HttpListenerResponse response)
    {
        if (request.UserAgent is not { } agent || !agent.Contains("Mozilla/", StringComparison.Ordinal))
        {
            return (403, "\"Forbidden\"");
        }

        response.SetCookie(new Cookie("csrftoken", NewSecret(), "/"));
        return (200, "\"<html>accounts</html>\"");
    }

    private (int, string) Login(HttpListenerRequest request, string body, HttpListenerResponse response)
    {
        if (!CsrfPasses(request))
        {
            return (403, "\"CSRF verification failed. Request aborted.\"");
        }

        var json = JsonNode.Parse(body)!;
        var email = json["username"]?.ToString();
        var password = json["password"]?.ToString();
        var account = Accounts.FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));
        if (account is null || account.Password != password)
        {
            return (403, "");
        }

        if (!account.Active)
        {
            return (405, "");
        }

        var session = NewSecret();
        _sessions[session] = account.Email;
        response.SetCookie(new Cookie("sessionid", session, "/"));
        response.SetCookie(new Cookie("csrftoken", NewSecret(), "/"));
        response.RedirectLocation = "/channels/";
        return (302, "");
    }

    private (int, string) Sync(HttpListenerRequest request, string body)
    {
        // Session authentication only: a token header does not count.
        var session = request.Cookies["sessionid"]?.Value;
        if (session is null || !_sessions.TryGetValue(session, out var email))
        {
            return (403, "{\"detail\":\"Authentication credentials were not provided.\"}");
        }

        if (!CsrfPasses(request))
        {
            return (403, "{\"detail\":\"CSRF Failed: CSRF token missing or incorrect.\"}");
        }

        var json = JsonNode.Parse(body)!;
        var allowed = new JsonArray();
        var disallowed = new JsonArray();
        foreach (var change in (json["changes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var channelId = change["channel_id"]?.ToString() ?? "";
            var deploy = change["type"]?.GetValue<int>() == 8 && change["table"]?.ToString() == "channel";
            if (!deploy || !Channels.TryGetValue(channelId, out var channel) || !channel.Editors.Contains(email))
            {
                disallowed.Add(change.DeepClone());
                continue;
            }

            var accepted = new StandInChange(++_serverRev, channelId, session);
            _changes.Add(accepted);
            allowed.Add(new JsonObject
            {
                ["rev"] = change["rev"]?.GetValue<int>(),
                ["server_rev"] = accepted.ServerRev,
            });
            var account = Accounts.First(a => a.Email == email);
            _ = Task.Delay(ApplyDelay).ContinueWith(_ => Apply(accepted, channel, account), TaskScheduler.Default);
        }

        var (successes, errors) = ReturnChanges(json, session);
        var payload = new JsonObject
        {
            ["disallowed"] = disallowed,
            ["allowed"] = allowed,
            ["changes"] = new JsonArray(),
            ["errors"] = errors,
            ["successes"] = successes,
            ["tasks"] = new JsonArray(),
        };
        return (200, payload.ToJsonString());
    }

    private void Apply(StandInChange change, StandInChannel channel, StandInAccount account)
    {
        lock (_lock)
        {
            if (channel.StagingRootId is null)
            {
                change.Errors.Add("Cannot deploy a channel without staging tree");
            }
            else if (account.OutOfStorage)
            {
                change.Errors.Add(OutOfStorageMessage);
            }
            else
            {
                channel.RootId = channel.StagingRootId;
                channel.StagingRootId = null;
                change.Applied = true;
            }
        }
    }

    // Applied changes, and this session's errored ones, after the revisions the client says it has.
    private (JsonArray Successes, JsonArray Errors) ReturnChanges(JsonNode json, string session)
    {
        var unapplied = (json["unapplied_revs"] as JsonArray ?? []).Select(n => n!.GetValue<long>()).ToHashSet();
        var revs = json["channel_revs"] as JsonObject ?? [];
        var successes = new JsonArray();
        var errors = new JsonArray();
        foreach (var change in _changes.Where(c => c.Session == session))
        {
            var rev = revs[change.ChannelId]?.GetValue<long>();
            if (!(unapplied.Contains(change.ServerRev) || (rev is not null && change.ServerRev > rev)))
            {
                continue;
            }

            var serialized = new JsonObject
            {
                ["server_rev"] = change.ServerRev,
                ["channel_id"] = change.ChannelId,
                ["table"] = "channel",
                ["type"] = 8,
                ["key"] = change.ChannelId,
            };
            if (change.Applied)
            {
                successes.Add(serialized);
            }
            else if (change.Errors.Count > 0)
            {
                serialized["errors"] = new JsonArray(change.Errors.Select(e => (JsonNode?)e).ToArray());
                errors.Add(serialized);
            }
        }

        return (successes, errors);
    }

    private static bool CsrfPasses(HttpListenerRequest request) =>
        request.Cookies["csrftoken"]?.Value is { Length: > 0 } cookie && request.Headers["X-CSRFToken"] == cookie;

    private StandInChannel? Editable(string id) =>
        Channels.TryGetValue(id, out var channel) && channel.EditableByToken ? channel : null;

    private static string NewSecret() => Guid.NewGuid().ToString("N");
}
