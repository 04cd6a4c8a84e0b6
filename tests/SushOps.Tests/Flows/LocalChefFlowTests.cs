using System.Text.Json;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>setup, update and run of real chef repositories on the local role, through the real executable.</summary>
public sealed class LocalChefFlowTests : IAsyncLifetime, IDisposable
{
    private const string Token = "tok-3f9a7c1e-secret-value";
    private readonly TempDirectory _dir = new("sushops-local");
    private ChefRepository _repository = null!;

    private string ChefsDir => _dir.Combine("chefs");

    public async ValueTask InitializeAsync()
    {
        var wheels = _dir.Combine("wheels");
        WheelHouse.Build(wheels, "hello from the wheel");
        _repository = await ChefRepository.CreateAsync(_dir.Combine("upstream"), WheelHouse.Requirements(wheels));
        await File.WriteAllTextAsync(_dir.Combine("token"), Token + "\n");
        await File.WriteAllTextAsync(_dir.Combine("sushops.yaml"), $"""
            inventory: inventory.csv
            roles:
              local:
                chefs_dir: {ChefsDir}
            studio:
              url: https://studio.example.org
              token_file: token
            """);
        await File.WriteAllTextAsync(_dir.Combine("inventory.csv"), """
            chef_name,repo_url,command,cwd,schedule
            demo,upstream,python chef.py lang=en,,0 3 * * *
            in_sub,upstream,python chef.py,sub,
            failing,upstream,python chef.py && exit 3,,
            asking,upstream,python chef.py --ask,,
            """);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Setup_clones_makes_the_virtualenv_and_installs_requirements_then_has_nothing_to_do()
    {
        var first = await SushOps("setup", "demo");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("[local] demo: changed: cloned", first.StandardOutput);
        Assert.Contains("installed requirements.txt", first.StandardOutput);
        var python = Path.Combine(ChefsDir, "demo", "venv", "bin", "python");
        var import = await ProcessRunner.RunAsync(python, ["-c", "import greeting; print(greeting.MESSAGE)"]);
        Assert.Equal("hello from the wheel", import.StandardOutput.Trim());
        Assert.True(File.Exists(Path.Combine(ChefsDir, ".sushops", "bin", "run-chef")));

        var second = await SushOps("setup", "demo");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("[local] demo: ok: nothing to do", second.StandardOutput);
    }

    [Fact]
    public async Task Update_keeps_the_files_the_post_setup_command_made_and_discards_only_local_changes()
    {
        await File.WriteAllTextAsync(_dir.Combine("inventory.csv"), """
            chef_name,repo_url,command,post_setup
            prepared,upstream,python chef.py,echo made > "made [1].txt"
            """);
        await SushOpsChecked("setup", "prepared");
        var checkout = Path.Combine(ChefsDir, "prepared", "repo");
        await File.WriteAllTextAsync(Path.Combine(checkout, "notes.txt"), "scratch notes");

        var result = await SushOps("update", "prepared");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("made\n", await File.ReadAllTextAsync(Path.Combine(checkout, "made [1].txt")));
        Assert.False(File.Exists(Path.Combine(checkout, "notes.txt")));
        var saved = Assert.Single(Directory.GetDirectories(Path.Combine(ChefsDir, "prepared", "discarded")));
        var untracked = await ProcessRunner.RunCheckedAsync("tar", ["-tf", Path.Combine(saved, "untracked.tar")]);
        Assert.Equal("notes.txt", untracked.StandardOutput.Trim());

        var again = await SushOps("update", "prepared");

        Assert.Contains("[local] prepared: ok:", again.StandardOutput);
    }

    [Fact]
    public async Task Update_saves_local_edits_and_untracked_files_then_resets_to_the_remote()
    {
        await SushOpsChecked("setup", "demo");
        var checkout = Path.Combine(ChefsDir, "demo", "repo");
        await File.AppendAllTextAsync(Path.Combine(checkout, "chef.py"), "\n# a local hotfix\n");
        await File.WriteAllTextAsync(Path.Combine(checkout, "notes.txt"), "scratch notes");
        await _repository.CommitFileAsync("NEWS", "version 2", "second version");

        var result = await SushOps("update", "demo");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("saved local changes to", result.StandardOutput);
        var head = await ProcessRunner.RunCheckedAsync("git", ["-C", checkout, "rev-parse", "HEAD"]);
        Assert.Equal(await _repository.HeadAsync(), head.StandardOutput.Trim());
        Assert.False(File.Exists(Path.Combine(checkout, "notes.txt")));
        Assert.DoesNotContain("local hotfix", await File.ReadAllTextAsync(Path.Combine(checkout, "chef.py")));
        var saved = Assert.Single(Directory.GetDirectories(Path.Combine(ChefsDir, "demo", "discarded")));
        Assert.Contains("+# a local hotfix", await File.ReadAllTextAsync(Path.Combine(saved, "changes.patch")));
        var tar = await ProcessRunner.RunCheckedAsync("tar", ["-tf", Path.Combine(saved, "untracked.tar")]);
        Assert.Equal("notes.txt", tar.StandardOutput.Trim());

        var again = await SushOps("update", "demo");

        Assert.Contains("[local] demo: ok: nothing to do", again.StandardOutput);
    }

    [Fact]
    public async Task Run_streams_output_writes_a_log_and_a_record_and_never_shows_the_token()
    {
        await SushOpsChecked("setup", "demo");

        var result = await SushOps("run", "demo", "-v", "diagnostic", "--", "--extra", "two words");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[local] demo | chef says: hello from the wheel", result.StandardOutput);
        Assert.Contains("[local] demo | studio: https://studio.example.org", result.StandardOutput);
        Assert.Contains("[local] demo | token file mode: 0o600", result.StandardOutput);
        Assert.Contains("lang=en --token=", result.StandardOutput);
        Assert.Contains("--extra two words", result.StandardOutput);
        var runs = Path.Combine(ChefsDir, "demo", "runs");
        var log = Assert.Single(Directory.GetFiles(runs, "*.log"));
        Assert.Contains("chef says: hello from the wheel", await File.ReadAllTextAsync(log));
        using var record = await ReadRecordAsync(runs);
        Assert.Equal("ok", record.RootElement.GetProperty("result").GetString());
        Assert.Equal(0, record.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal(await _repository.HeadAsync(), record.RootElement.GetProperty("commit").GetString());
        Assert.Equal("manual", record.RootElement.GetProperty("trigger").GetString());
        await AssertTokenAppearsNowhereAsync(result);
    }

    [Fact]
    public async Task Json_prints_one_document_with_each_chefs_result_and_nothing_else_on_stdout()
    {
        var result = await SushOps("setup", "demo", "in_sub", "--json");

        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var root = report.RootElement;
        Assert.Equal(("setup", 0), (root.GetProperty("verb").GetString(), root.GetProperty("exit_code").GetInt32()));
        var host = Assert.Single(root.GetProperty("hosts").EnumerateArray());
        Assert.Equal("local", host.GetProperty("host").GetString());
        Assert.Equal(2, host.GetProperty("recap").GetProperty("changed").GetInt32());
        Assert.Equal(
            ["demo", "in_sub"],
            host.GetProperty("chefs").EnumerateArray().Select(c => c.GetProperty("chef").GetString()));
    }

    [Fact]
    public async Task Run_in_a_working_directory_runs_there()
    {
        await SushOpsChecked("setup", "in_sub");

        var result = await SushOps("run", "in_sub");

        Assert.Contains("[local] in_sub | cwd: sub", result.StandardOutput);
    }

    [Fact]
    public async Task A_failing_chef_fails_the_run_and_its_record_says_so()
    {
        await SushOpsChecked("setup", "failing");

        var result = await SushOps("run", "failing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[local] failing: failed: exit code 3", result.StandardOutput);
        var runs = Path.Combine(ChefsDir, "failing", "runs");
        using var record = await ReadRecordAsync(runs);
        Assert.Equal("failed", record.RootElement.GetProperty("result").GetString());
        Assert.Equal(3, record.RootElement.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task A_chef_that_asks_for_input_fails_at_once_instead_of_waiting()
    {
        await SushOpsChecked("setup", "asking");

        var result = await SushOps("run", "asking");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("EOFError", result.StandardOutput);
    }

    [Fact]
    public async Task Run_before_setup_says_to_run_setup()
    {
        var result = await SushOps("run", "demo");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not set up on this host", result.StandardOutput);
        Assert.Contains("run sushops setup first", result.StandardOutput);
    }

    [Fact]
    public async Task Setup_refuses_a_checkout_of_another_repository()
    {
        var other = await ChefRepository.CreateAsync(_dir.Combine("other"));
        await SushOpsChecked("setup", "demo");
        await File.WriteAllTextAsync(
            _dir.Combine("other.csv"), $"chef_name,repo_url,command\ndemo,{other.Path},true\n");

        var result = await SushOps("setup", "demo", "-i", "other.csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is a checkout of", result.StandardOutput);
        Assert.Contains("move it away or fix the inventory", result.StandardOutput);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_changes_nothing()
    {
        var result = await SushOps("setup", "demo", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("setup demo on local:", result.StandardOutput);
        Assert.Contains("git clone --quiet -- \"$repo_url\" \"$repo\"", result.StandardOutput);
        Assert.False(Directory.Exists(ChefsDir));
    }

    private async Task AssertTokenAppearsNowhereAsync(ProcessResult result)
    {
        Assert.DoesNotContain(Token, result.StandardOutput);
        Assert.DoesNotContain(Token, result.StandardError);
        foreach (var file in Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) is "token" or "studio-token")
            {
                continue;
            }

            Assert.DoesNotContain(Token, await File.ReadAllTextAsync(file));
        }
    }

    private static async Task<JsonDocument> ReadRecordAsync(string runs) =>
        JsonDocument.Parse(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(runs, "*.json"))));

    private Task<ProcessResult> SushOps(params string[] arguments) => SushOpsProcess.RunAsync(_dir.Path, arguments);

    private async Task SushOpsChecked(params string[] arguments)
    {
        var result = await SushOps(arguments);
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
