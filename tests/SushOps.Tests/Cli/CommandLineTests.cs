using System.Net;
using System.Text.Json;
using System.Net.Sockets;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Cli;

/// <summary>The executable's answers to bad input: clear messages and the documented exit codes.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new("sushops-cli");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("setup")]
    [InlineData("update")]
    [InlineData("run")]
    [InlineData("list")]
    [InlineData("status")]
    [InlineData("logs")]
    [InlineData("ps")]
    [InlineData("stop")]
    public async Task Each_verb_explains_itself_in_its_help(string verb)
    {
        var result = await SushOps(verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.StandardOutput);
        Assert.Contains("--inventory", result.StandardOutput);
    }

    [Fact]
    public async Task Top_level_help_lists_the_verbs()
    {
        var result = await SushOps("--help");

        foreach (var verb in new[] { "setup", "update", "run", "list", "status", "logs", "ps", "stop" })
        {
            Assert.Contains(verb, result.StandardOutput);
        }
    }

    [Theory]
    [InlineData("--parallel", "x", "--parallel needs a number of hosts from 1 to 100000, not \"x\".")]
    [InlineData("-P", "99999999999", "--parallel needs a number of hosts from 1 to 100000, not \"99999999999\".")]
    [InlineData("-P", "0", "--parallel needs a number of hosts from 1 to 100000, not \"0\".")]
    [InlineData("--connection-attempts", "x", "--connection-attempts needs a number from 1 to 20, not \"x\".")]
    [InlineData("--connection-attempts", "21", "--connection-attempts needs a number from 1 to 20, not \"21\".")]
    public async Task A_bad_number_is_a_usage_error_that_names_the_option(string option, string value, string error)
    {
        await WriteInventory("chef_name,repo_url,command\nalpha,https://example.org/a.git,true\n");

        var result = await SushOps("setup", "alpha", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(error, result.StandardError);
        Assert.DoesNotContain("Exception", result.StandardError);
    }

    [Theory]
    [InlineData("logs alpha -n abc", "--lines needs a number of lines of 0 or more, not \"abc\".")]
    [InlineData("logs alpha --run 99999999999", "--run needs a run number of 1 (the last run) or more")]
    [InlineData("stop alpha --grace x", "--grace needs a number of seconds from 0 to 3600, not \"x\".")]
    [InlineData("doctor --min-free-gb x", "--min-free-gb needs a number of GiB of 0 or more, not \"x\".")]
    [InlineData("doctor --min-free-gb -1", "--min-free-gb needs a number of GiB of 0 or more, not \"-1\".")]
    [InlineData("list --max-inventory-age 99999999d", "--max-inventory-age \"99999999d\" is not an age")]
    public async Task A_bad_value_of_a_verbs_own_option_is_a_usage_error(string command, string error)
    {
        await WriteInventory("chef_name,repo_url,command\nalpha,https://example.org/a.git,true\n");

        var result = await SushOps(command.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(error, result.StandardError);
        Assert.DoesNotContain("Exception", result.StandardError);
    }

    [Theory]
    [InlineData("report --html {0}/missing/x.html", "the folder {0}/missing does not exist")]
    [InlineData("report --html {0}", "{0} is a directory; give the path of a file to write")]
    [InlineData("inventory export {0}/missing/x.csv", "the folder {0}/missing does not exist")]
    public async Task A_result_file_that_cannot_be_written_is_refused_before_any_work(string command, string error)
    {
        await WriteInventory("chef_name,repo_url,command\nalpha,https://example.org/a.git,true\n");

        var result = await SushOps(string.Format(command, _dir.Path).Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(string.Format(error, _dir.Path), result.StandardError);
        Assert.DoesNotContain("Exception", result.StandardError);
    }

    [Fact]
    public async Task A_python_that_is_not_a_name_or_path_is_refused()
    {
        await File.WriteAllTextAsync(
            _dir.Combine("sushops.yaml"), "roles:\n  local:\n    python: \"python3; touch x\"\n");
        await WriteInventory("chef_name,repo_url,command\nalpha,https://example.org/a.git,true\n");

        var result = await SushOps("list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "roles.local.python: \"python3; touch x\" is not an interpreter name or path", result.StandardError);
    }

    [Fact]
    public async Task An_unknown_chef_exits_2_and_lists_the_chefs()
    {
        await WriteInventory("""
            chef_name,repo_url,command
            alpha,https://example.org/a.git,true
            beta,https://example.org/b.git,true
            """);

        var result = await SushOps("setup", "gamma");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No chef \"gamma\"", result.StandardError);
        Assert.Contains("Chefs: alpha, beta.", result.StandardError);
    }

    [Fact]
    public async Task An_unknown_role_exits_2_and_lists_the_roles()
    {
        await WriteInventory("chef_name,repo_url,command\nalpha,https://example.org/a.git,true\n");

        var result = await SushOps("setup", "alpha", "-R", "vader");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No role \"vader\". Roles: local.", result.StandardError);
    }

    [Fact]
    public async Task No_chef_and_no_all_exits_2()
    {
        await WriteInventory("chef_name,repo_url,command\nalpha,https://example.org/a.git,true\n");

        var result = await SushOps("update");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Name a chef or give --all", result.StandardError);
    }

    [Fact]
    public async Task A_bad_inventory_exits_2_with_every_error_and_nothing_runs()
    {
        await WriteInventory("""
            chef_name,repo_url,command,schedule
            ok_chef,https://example.org/a.git,true,0 3 * *
            bad name,--upload-pack=x,true,
            """);

        var result = await SushOps("setup", "--all");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("row 2, column \"schedule\": \"0 3 * *\" has 4 fields", result.StandardError);
        Assert.Contains("row 3, column \"chef_name\"", result.StandardError);
        Assert.Contains("row 3, column \"repo_url\"", result.StandardError);
        Assert.False(Directory.Exists(_dir.Combine(".data")));
    }

    [Fact]
    public async Task A_hostile_branch_is_refused_before_any_host_is_contacted()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await File.WriteAllTextAsync(
            _dir.Combine("sushops.yaml"), $"roles:\n  ck:\n    hosts: [chef@127.0.0.1:{port}]\n");
        await WriteInventory("""
            chef_name,repo_url,command,branch,role
            alpha,https://example.org/a.git,true,"main;touch /tmp/x",ck
            """);

        var result = await SushOps("setup", "alpha");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "column \"branch\": \"main;touch /tmp/x\" is not a valid git branch name", result.StandardError);
        Assert.False(listener.Pending(), "sushops connected to the host although the inventory was bad");
    }

    [Fact]
    public async Task Arguments_after_double_dash_belong_to_run_only()
    {
        await WriteInventory("chef_name,repo_url,command\nalpha,https://example.org/a.git,true\n");

        var result = await SushOps("setup", "alpha", "--", "--reset");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Only run takes arguments after --", result.StandardError);
    }

    [Fact]
    public async Task An_unknown_option_exits_2()
    {
        var result = await SushOps("setup", "--frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--frobnicate", result.StandardError);
    }

    [Fact]
    public async Task A_missing_inventory_says_how_to_give_one()
    {
        var result = await SushOps("list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("inventory.csv does not exist", result.StandardError);
    }

    [Fact]
    public async Task A_config_with_an_unknown_key_exits_2_naming_key_and_line()
    {
        await File.WriteAllTextAsync(_dir.Combine("sushops.yaml"), """
            roles:
              ck:
                hosts: [a.example.org]
                pyhton: python3
            """);
        await WriteInventory("chef_name,repo_url,command\nalpha,https://example.org/a.git,true\n");

        var result = await SushOps("list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 4, key roles.ck.pyhton: is not a known key", result.StandardError);
    }

    [Fact]
    public async Task List_shows_each_chef_with_role_schedule_and_repository()
    {
        await WriteInventory("""
            chef_name,repo_url,command,schedule,role
            alpha,https://example.org/a.git,true,@daily,local
            """);

        var result = await SushOps("list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("alpha", result.StandardOutput);
        Assert.Contains("@daily", result.StandardOutput);
        Assert.Contains("https://example.org/a.git", result.StandardOutput);
    }

    [Fact]
    public async Task List_shows_the_next_run_in_the_zone_of_the_only_role_for_chefs_without_a_role_column()
    {
        await File.WriteAllTextAsync(_dir.Combine("sushops.yaml"), "roles:\n  local:\n    timezone: Asia/Kolkata\n");
        await WriteInventory("chef_name,repo_url,command,schedule\nalpha,https://example.org/a.git,true,30 6 * * *\n");

        var result = await SushOps("list");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("06:30 +05:30 Asia/Kolkata", result.StandardOutput);
    }

    [Theory]
    [InlineData(0b110_100_100, true)]
    [InlineData(0b110_000_000, false)]
    public async Task A_token_file_others_can_read_gets_a_warning(int mode, bool warned)
    {
        var token = _dir.Combine("token");
        await File.WriteAllTextAsync(token, "tok-4471\n");
        File.SetUnixFileMode(token, (UnixFileMode)mode);
        await File.WriteAllTextAsync(_dir.Combine("sushops.yaml"), "studio:\n  token_file: token\n");
        await WriteInventory("chef_name,repo_url,command\nalpha,https://example.org/a.git,true\n");

        var result = await SushOps("setup", "alpha", "--dry-run");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(warned, result.StandardError.Contains("can be read by other users; chmod 600 it"));
    }

    [Theory]
    [InlineData(new[] { "setup", "alpha", "--json", "--bogus" }, "--bogus")]
    [InlineData(new[] { "status", "--json", "-i", "missing.csv" }, "The inventory missing.csv does not exist")]
    [InlineData(new[] { "setup", "alpha", "--all", "--json" }, "not both")]
    public async Task A_json_call_that_fails_prints_one_error_document_and_its_exit_code(
        string[] arguments, string error)
    {
        await WriteInventory("chef_name,repo_url,command\nalpha,https://example.org/a.git,true\n");

        var result = await SushOps(arguments);

        Assert.Equal(2, result.ExitCode);
        using var document = JsonDocument.Parse(result.StandardOutput);
        Assert.Contains(error, document.RootElement.GetProperty("error").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Contains(error, result.StandardError);
    }

    [Fact]
    public async Task A_json_call_that_printed_its_document_prints_no_error_document_after_it()
    {
        await WriteInventory("chef_name,repo_url,command\nalpha,/nowhere/alpha.git,true\n");

        var result = await SushOps("setup", "alpha", "-H", "local", "--json");

        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("failed", document.RootElement.GetProperty("hosts")[0].GetProperty("chefs")[0]
            .GetProperty("status").GetString());
        Assert.False(document.RootElement.TryGetProperty("error", out _));
    }

    private Task WriteInventory(string csv) => File.WriteAllTextAsync(_dir.Combine("inventory.csv"), csv);

    private Task<ProcessResult> SushOps(params string[] arguments) => SushOpsProcess.RunAsync(_dir.Path, arguments);
}
