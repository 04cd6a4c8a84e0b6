using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Reports;

/// <summary>report --html for real runs on the local role, rendered by a real headless Chromium, phone-sized.</summary>
public sealed class ReportFlowTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new("sushops-report");

    public async ValueTask InitializeAsync()
    {
        await ChefRepository.CreateAsync(_dir.Combine("upstream"));
        await File.WriteAllTextAsync(_dir.Combine("sushops.yaml"), $"""
            inventory: inventory.csv
            roles:
              local:
                chefs_dir: {_dir.Combine("chefs")}
            """);
        await File.WriteAllTextAsync(_dir.Combine("inventory.csv"), """
            chef_name,repo_url,command
            fine,upstream,python chef.py
            asks,upstream,python chef.py --ask
            """);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_html_report_is_self_contained_and_renders_in_a_headless_browser_without_console_errors()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        TestRequirement.Require(
            chromium is null ? "Chromium is not installed (Debian: apt-get install chromium)" : null);
        await SushOpsChecked("setup", "--all");
        await SushOpsChecked("run", "fine");
        await SushOpsChecked("run", "fine", "--", "again");
        await SushOps("run", "asks");

        var result = await SushOps("report", "--html", "fleet.html");

        Assert.True(result.ExitCode == 0, result.Output);
        var html = await File.ReadAllTextAsync(_dir.Combine("fleet.html"));
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("the chef asked for input", html);

        var page = new Uri(_dir.Combine("fleet.html")).AbsoluteUri;
        var shot = _dir.Combine("phone.png");
        string[] browser = ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=412,915",
            "--enable-logging=stderr", "--v=0"];
        var screenshot = await ProcessRunner.RunAsync(chromium!, [.. browser, $"--screenshot={shot}", page]);
        var dom = await ProcessRunner.RunAsync(chromium!, [.. browser, "--dump-dom", page]);

        Assert.True(screenshot.ExitCode == 0, screenshot.Output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(shot)[..4]);
        Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot is nearly empty");
        Assert.Contains("<h3>fine <small>on local</small></h3>", dom.StandardOutput);
        Assert.Contains("class=\"chef failed\"", dom.StandardOutput);
        Assert.Contains("<polyline", dom.StandardOutput);
        var console = (screenshot.StandardError + dom.StandardError).Split('\n').Where(l => l.Contains(":CONSOLE"));
        Assert.Empty(console);
    }

    private Task<ProcessResult> SushOps(params string[] arguments) => SushOpsProcess.RunAsync(_dir.Path, arguments);

    private async Task SushOpsChecked(params string[] arguments)
    {
        var result = await SushOps(arguments);
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
