using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SushOps.Configuration;
using SushOps.Hosts;
using SushOps.Plans;
using SushOps.Targeting;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Hosts;

/// <summary>
/// The runner's alert for a failed scheduled run, installed as setup installs it, posting with the real curl to a
/// loopback listener that answers as a Slack incoming webhook does.
/// </summary>
public sealed class AlertTests : IAsyncLifetime, IDisposable
{
    private const string Token = "tok-alert-7c41";
    private readonly TempDirectory _dir = new("sushops-alert");
    private readonly HttpListener _listener = new();

    private string ChefsDir => _dir.Combine("chefs");

    private string ChefDir => _dir.Combine("chefs", "demo");

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        _listener.Start();

        var host = new HostTarget(SushOpsConfig.DefaultLocalRole with { ChefsDir = ChefsDir }, null);
        await using var executor = new LocalExecutor(host);
        var install = ChefSteps.HostPreamble(host) + ChefSteps.InstallRunner().Script;
        Assert.Equal(0, await executor.ExecuteAsync(install, ReadOnlyMemory<byte>.Empty, _ => { }, default));

        await ChefRepository.CreateAsync(Path.Combine(ChefDir, "repo"));
        Directory.CreateDirectory(Path.Combine(ChefDir, "venv", "bin"));
        await File.WriteAllTextAsync(Path.Combine(ChefDir, "venv", "bin", "activate"), "VIRTUAL_ENV=x\n");
        File.CreateSymbolicLink(Path.Combine(ChefDir, "venv", "bin", "python"), "/usr/bin/python3");
        await File.WriteAllTextAsync(Path.Combine(ChefsDir, ".sushops", "studio-token"), Token);
        await File.WriteAllTextAsync(
            Path.Combine(ChefsDir, ".sushops", "alert-webhook"), $"http://127.0.0.1:{port}/hook/T0/B0/secret");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose()
    {
        _listener.Close();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_failed_scheduled_run_posts_one_message_with_chef_host_cause_and_last_lines_token_masked()
    {
        var received = ReceiveAsync();
        var command = $"echo 'GET /api?token={Token}'; echo 'OSError: [Errno 28] No space left on device'; exit 1";

        var run = await RunAsync("cron", command);

        Assert.Equal(1, run.ExitCode);
        var (request, body) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("/hook/T0/B0/secret", request.Url?.AbsolutePath);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal("ok", await File.ReadAllTextAsync(Alert()));
        using var json = JsonDocument.Parse(body);
        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("scheduled run of *demo* on *", text);
        Assert.Contains("Cause: the host's disk is full", text);
        Assert.Contains("OSError: [Errno 28] No space left on device", text);
        Assert.Contains("token=***", text);
        Assert.DoesNotContain(Token, body);
    }

    [Theory]
    [InlineData("manual", "exit 1")]
    [InlineData("cron", "true")]
    public async Task Manual_runs_and_successful_runs_post_nothing(string trigger, string command)
    {
        await RunAsync(trigger, command);

        Assert.Empty(Directory.GetFiles(Path.Combine(ChefDir, "runs"), "*.alert"));
    }

    // Answers the one post as Slack does, with 200 and "ok", and hands over what was posted.
    private async Task<(HttpListenerRequest Request, string Body)> ReceiveAsync()
    {
        var context = await _listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = 200;
        await context.Response.OutputStream.WriteAsync("ok"u8.ToArray());
        context.Response.Close();
        return (context.Request, body);
    }

    private string Alert() => Directory.GetFiles(Path.Combine(ChefDir, "runs"), "*.alert").Single();

    private Task<ProcessResult> RunAsync(string trigger, string command) =>
        ProcessRunner.RunAsync(
            "/bin/sh", [Path.Combine(ChefsDir, ".sushops", "bin", "run-chef"), ChefDir, "", trigger, command]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
