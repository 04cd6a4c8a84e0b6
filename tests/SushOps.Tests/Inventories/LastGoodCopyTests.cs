using SushOps.Inventories;
using SushOps.Tests.Infrastructure.Google;

namespace SushOps.Tests.Inventories;

/// <summary>The last good copy of a sheet: written after each good load, used when the sheet cannot be.</summary>
public sealed class LastGoodCopyTests : IDisposable
{
    private readonly SheetFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private GoogleStandIn Google => _fixture.Google;

    private string CacheFile => Directory.GetFiles(_fixture.CacheDirectory).Single();

    [Fact]
    public async Task When_google_does_not_answer_the_last_good_copy_is_used_with_its_age()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());
        Google.Unavailable = true;
        _fixture.Clock.Offset = TimeSpan.FromHours(3) + TimeSpan.FromMinutes(12);

        var inventory = await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());

        Assert.Equal(["khan_academy_en", "pradigi"], inventory.Chefs.Select(c => c.Name));
        Assert.True(inventory.Origin!.FromCache);
        var warning = Assert.Single(inventory.Origin.Warnings);
        Assert.Contains("Using the last good copy of", warning);
        Assert.Contains("(3 hours 12 minutes ago)", warning);
        Assert.Contains("HTTP 503", warning);
    }

    [Fact]
    public async Task When_the_sheet_cannot_be_reached_at_all_the_last_good_copy_is_used()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());
        var unreachable = _fixture.ExportConfig() with
        {
            Google = _fixture.ExportConfig().Google with { ExportBaseUrl = new Uri("http://127.0.0.1:9/") },
        };

        var inventory = await _fixture.LoadAsync(_fixture.SheetUrl(), unreachable);

        Assert.True(inventory.Origin!.FromCache);
        Assert.Contains("could not be reached", Assert.Single(inventory.Origin.Warnings));
    }

    [Fact]
    public async Task A_sheet_that_fails_validation_never_replaces_the_last_good_copy()
    {
        var spreadsheet = Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());
        var goodCopy = File.ReadAllText(CacheFile);
        spreadsheet.Find(TeamSheet.Gid)!.Rows = TeamSheet.Rows(khanSchedule: "0 3 * *");

        var inventory = await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());

        Assert.Equal("0 2 1 * *", inventory.Chefs[0].Schedule);
        Assert.True(inventory.Origin!.FromCache);
        var warning = Assert.Single(inventory.Origin.Warnings);
        Assert.Contains("row 3, column \"Crontab Schedule\": \"0 3 * *\" has 4 fields", warning);
        Assert.Contains("last good copy is kept", warning);
        Assert.Equal(goodCopy, File.ReadAllText(CacheFile));
    }

    [Fact]
    public async Task A_fixed_sheet_replaces_the_last_good_copy()
    {
        var spreadsheet = Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());
        spreadsheet.Find(TeamSheet.Gid)!.Rows = TeamSheet.Rows(khanSchedule: "@weekly");
        await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());
        Google.Unavailable = true;

        var inventory = await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());

        Assert.Equal("@weekly", inventory.Chefs[0].Schedule);
    }

    [Fact]
    public async Task A_sheet_that_fails_validation_with_no_copy_yet_is_an_error()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true, khanSchedule: "0 3 * *"));

        await Assert.ThrowsAsync<InventoryException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig()));

        var cache = _fixture.CacheDirectory;
        Assert.False(Directory.Exists(cache) && Directory.GetFiles(cache).Length > 0);
    }

    [Fact]
    public async Task Offline_uses_the_last_good_copy_without_asking_google()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());
        var requests = Google.Requests.Count;

        var inventory = await _fixture.LoadAsync(
            _fixture.SheetUrl(), _fixture.ExportConfig(), _fixture.Options with { Offline = true });

        Assert.Equal(2, inventory.Chefs.Count);
        Assert.True(inventory.Origin!.FromCache);
        Assert.Equal(requests, Google.Requests.Count);
    }

    [Fact]
    public async Task Offline_with_no_copy_yet_is_an_error_that_says_to_run_once_online()
    {
        var error = await Assert.ThrowsAsync<SushOpsException>(() => _fixture.LoadAsync(
            _fixture.SheetUrl(), _fixture.ExportConfig(), _fixture.Options with { Offline = true }));

        Assert.Contains("--offline: there is no last good copy", error.Message);
        Assert.Empty(Google.Requests);
    }

    [Fact]
    public async Task A_copy_older_than_the_max_inventory_age_is_an_error_when_the_sheet_cannot_be_read()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());
        Google.Unavailable = true;
        _fixture.Clock.Offset = TimeSpan.FromDays(2);
        var options = _fixture.Options with { MaxAge = TimeSpan.FromDays(1) };

        var error = await Assert.ThrowsAsync<SushOpsException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig(), options));

        Assert.Contains("is 2 days old", error.Message);
        Assert.Contains("older than --max-inventory-age allows (1 day)", error.Message);
        Assert.Contains("HTTP 503", error.Message);
    }

    [Fact]
    public async Task A_copy_younger_than_the_max_inventory_age_is_used()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());
        Google.Unavailable = true;
        _fixture.Clock.Offset = TimeSpan.FromHours(20);

        var inventory = await _fixture.LoadAsync(
            _fixture.SheetUrl(), _fixture.ExportConfig(), _fixture.Options with { MaxAge = TimeSpan.FromDays(1) });

        Assert.True(inventory.Origin!.FromCache);
    }

    [Fact]
    public async Task Each_sheet_has_its_own_copy()
    {
        var spreadsheet = Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        spreadsheet.Sheets.Add(new StandInSheet(9, "Staging", [
            ["chef_name", "repo_url", "command"],
            ["staging_chef", "https://github.com/learningequality/sushi-chef-staging.git", "./sushichef.py"],
        ]));
        await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());
        await _fixture.LoadAsync(_fixture.SheetUrl(gid: 9), _fixture.ExportConfig());
        Google.Unavailable = true;

        var first = await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());
        var second = await _fixture.LoadAsync(_fixture.SheetUrl(gid: 9), _fixture.ExportConfig());

        Assert.Equal(2, first.Chefs.Count);
        Assert.Equal("staging_chef", Assert.Single(second.Chefs).Name);
    }
}
