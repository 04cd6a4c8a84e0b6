using SushOps.Inventories;
using SushOps.Tests.Infrastructure;
using SushOps.Tests.Infrastructure.Google;

namespace SushOps.Tests.Cli;

/// <summary>The sushops executable reading its inventory from a sheet on the loopback stand-in of Google.</summary>
public sealed class SheetCommandTests : IDisposable
{
    private readonly SheetFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private GoogleStandIn Google => _fixture.Google;

    private string SheetUrl => _fixture.SheetUrl();

    [Fact]
    public async Task List_reads_a_link_shared_sheet_through_its_csv_export()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        WriteConfig();

        var result = await SushOps("list", "-i", SheetUrl);

        Assert.Equal(0, result.ExitCode);
        var lines = result.StandardOutput.Trim().Split('\n');
        Assert.Equal("chef\trole\tschedule\tnext run\trepository", lines[0]);
        Assert.StartsWith("khan_academy_en\t-\t0 2 1 * *\t", lines[1]);
        Assert.StartsWith("pradigi\t-\t-\t-\thttps://github.com/learningequality/sushi-chef-pradigi.git", lines[2]);
        Assert.Contains($"GET /spreadsheets/d/{TeamSheet.Id}/export", Google.Requests);
    }

    [Fact]
    public async Task List_reads_a_private_sheet_through_the_api_as_a_service_account()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: false)).SharedWith.Add(SheetFixture.AccountEmail);
        using var key = new ServiceAccountKey(SheetFixture.AccountEmail, Google.TokenUri);
        Google.ServiceAccounts[SheetFixture.AccountEmail] = key.Rsa;
        key.WriteTo(Path.Combine(_fixture.Directory, "service-account.json"));
        WriteConfig("  credentials_file: service-account.json");

        var result = await SushOps("list", "-i", SheetUrl);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("khan_academy_en\t", result.StandardOutput);
        Assert.Contains("pradigi\t", result.StandardOutput);
        Assert.Equal(1, Google.TokensIssued);
        Assert.Contains($"GET /v4/spreadsheets/{TeamSheet.Id}/values/%27Chefs%27", Google.Requests);
    }

    [Fact]
    public async Task An_api_key_from_the_config_reads_the_sheet_and_never_shows_in_output_or_logs()
    {
        const string key = "AIzaSyStandInKey0123456789abcdefghijk";
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        Google.ApiKeys.Add(key);
        WriteConfig($"  api_key: {key}");

        var result = await SushOps("list", "-v", "diagnostic", "-i", SheetUrl);
        Google.ApiKeys.Clear();
        var refused = await SushOps("list", "-v", "diagnostic", "-i", $"gsheet:{TeamSheet.Id}#1");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("pradigi\t", result.StandardOutput);
        Assert.Contains($"GET /v4/spreadsheets/{TeamSheet.Id}", Google.Requests);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("google.api_key was refused", refused.StandardError);
        var logs = Directory.GetFiles(Path.Combine(_fixture.Directory, ".state"), "*", SearchOption.AllDirectories)
            .Select(File.ReadAllText);
        Assert.All([result.Output, refused.Output, .. logs], text => Assert.DoesNotContain(key, text));
    }

    [Fact]
    public async Task A_private_sheet_without_credentials_exits_2_and_says_how_to_share_it()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: false));
        WriteConfig();

        var result = await SushOps("list", "-i", SheetUrl);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not shared by link", result.StandardError);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task Inventory_show_says_where_the_inventory_came_from_and_when_the_copy_is_used()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        WriteConfig();
        var fresh = await SushOps("inventory", "show", "-i", SheetUrl);
        Google.Unavailable = true;

        var cached = await SushOps("inventory", "show", "-i", SheetUrl);

        Assert.Equal(0, fresh.ExitCode);
        Assert.Contains($"source:   gsheet:{TeamSheet.Id}#{TeamSheet.Gid}", fresh.StandardOutput);
        Assert.Contains("read as:  CSV export of a link-shared sheet\n", fresh.StandardOutput);
        Assert.Contains("chefs:    2", fresh.StandardOutput);
        Assert.Contains("warnings: none", fresh.StandardOutput);
        Assert.Equal(0, cached.ExitCode);
        Assert.Contains("from the last good copy", cached.StandardOutput);
        Assert.Contains("warnings: 1", cached.StandardOutput);
        Assert.Contains("HTTP 503", cached.StandardOutput);
        Assert.Contains("WRN Using the last good copy", cached.StandardError);
    }

    [Fact]
    public async Task Inventory_export_writes_csv_that_loads_back_as_the_same_chefs()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        WriteConfig();
        var path = Path.Combine(_fixture.Directory, "exported.csv");

        var result = await SushOps("inventory", "export", path, "-i", SheetUrl);

        Assert.Equal(0, result.ExitCode);
        var text = File.ReadAllText(path);
        Assert.StartsWith("chef_name,repo_url,command,schedule,role,branch,channel_id,post_setup,cwd", text);
        var reloaded = InventoryLoader.Load(path);
        Assert.Equal(["khan_academy_en", "pradigi"], reloaded.Chefs.Select(c => c.Name));
        Assert.Equal("./sushichef.py --lang=en", reloaded.Chefs[0].Command);
        Assert.Equal("0 2 1 * *", reloaded.Chefs[0].Schedule);
    }

    [Fact]
    public async Task Offline_with_no_copy_yet_exits_2_without_asking_google()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        WriteConfig();

        var result = await SushOps("list", "--offline", "-i", SheetUrl);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--offline: there is no last good copy", result.StandardError);
        Assert.Empty(Google.Requests);
    }

    [Fact]
    public async Task A_max_inventory_age_that_is_not_an_age_exits_2()
    {
        WriteConfig();

        var result = await SushOps("list", "--max-inventory-age", "soon", "-i", SheetUrl);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--max-inventory-age \"soon\" is not an age", result.StandardError);
    }

    private void WriteConfig(params string[] googleLines) =>
        File.WriteAllLines(Path.Combine(_fixture.Directory, "sushops.yaml"),
        [
            "google:",
            $"  export_base_url: {Google.BaseUrl}",
            $"  api_base_url: {Google.BaseUrl}",
            .. googleLines,
        ]);

    private Task<ProcessResult> SushOps(params string[] arguments) =>
        SushOpsProcess.RunAsync(_fixture.Directory, arguments);
}
