using SushOps.Inventories;
using SushOps.Tests.Infrastructure.Google;

namespace SushOps.Tests.Inventories;

/// <summary>Inventories read from a Google Sheet, against a loopback stand-in that answers as Google does.</summary>
public sealed class SheetInventoryTests : IDisposable
{
    private readonly SheetFixture _fixture = new();

    private GoogleStandIn Google => _fixture.Google;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_link_shared_sheet_loads_through_its_csv_export_and_skips_the_description_row()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));

        var inventory = await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig());

        Assert.Equal(["khan_academy_en", "pradigi"], inventory.Chefs.Select(c => c.Name));
        Assert.Equal([3, 4], inventory.Chefs.Select(c => c.Row));
        Assert.Equal("0 2 1 * *", inventory.Chefs[0].Schedule);
        Assert.Null(inventory.Chefs[1].Schedule);
        Assert.Equal($"gsheet:{TeamSheet.Id}#{TeamSheet.Gid}", inventory.Source);
        Assert.False(inventory.Origin!.FromCache);
        Assert.Contains($"GET /spreadsheets/d/{TeamSheet.Id}/export", Google.Requests);
        Assert.Contains(Google.Requests, r => r.StartsWith("GET content/export/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errors_in_a_sheet_name_the_row_as_the_browser_shows_it()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true, khanSchedule: "0 3 * *"));

        var error = await Assert.ThrowsAsync<InventoryException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig()));

        var only = Assert.Single(error.Errors);
        Assert.Equal(3, only.Row);
        Assert.Equal("Crontab Schedule", only.Column);
        Assert.Contains($"gsheet:{TeamSheet.Id}#{TeamSheet.Gid} row 3, column \"Crontab Schedule\"", error.Message);
    }

    [Fact]
    public async Task A_cell_with_line_breaks_does_not_shift_the_row_numbers_of_the_export()
    {
        var rows = TeamSheet.Rows();
        rows[2][8] = "Video heavy,\nruns for two days";
        rows[3] = [.. rows[3], "not a schedule"];
        Google.Add(new StandInSpreadsheet(TeamSheet.Id, new StandInSheet(0, "Chefs", rows)) { LinkShared = true });

        var error = await Assert.ThrowsAsync<InventoryException>(
            () => _fixture.LoadAsync($"gsheet:{TeamSheet.Id}#0", _fixture.ExportConfig()));

        Assert.Equal(4, Assert.Single(error.Errors).Row);
    }

    [Fact]
    public async Task A_private_sheet_read_through_the_export_says_it_is_not_shared_and_how_to_share_it()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: false));

        var error = await Assert.ThrowsAsync<SushOpsException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig()));

        Assert.Contains("is not shared by link", error.Message);
        Assert.Contains("Anyone with the link", error.Message);
        Assert.Contains("google.credentials_file", error.Message);
        Assert.Contains("GET /ServiceLogin", Google.Requests);
    }

    [Fact]
    public async Task A_gid_the_spreadsheet_does_not_have_is_reported_through_the_export()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));

        var error = await Assert.ThrowsAsync<SushOpsException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(gid: 77), _fixture.ExportConfig()));

        Assert.Contains("no sheet with gid 77", error.Message);
    }

    [Fact]
    public async Task A_spreadsheet_that_does_not_exist_is_reported_as_not_found()
    {
        var error = await Assert.ThrowsAsync<SushOpsException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ExportConfig()));

        Assert.Contains($"no spreadsheet with the id {TeamSheet.Id}", error.Message);
    }

    [Fact]
    public async Task A_private_sheet_loads_through_the_api_as_the_service_account_it_is_shared_with()
    {
        var spreadsheet = Google.Add(TeamSheet.Spreadsheet(linkShared: false));
        spreadsheet.SharedWith.Add(SheetFixture.AccountEmail);
        var config = _fixture.ServiceAccountConfig(out var key);
        using var _ = key;

        var inventory = await _fixture.LoadAsync(_fixture.SheetUrl(), config);

        Assert.Equal(["khan_academy_en", "pradigi"], inventory.Chefs.Select(c => c.Name));
        Assert.Equal([3, 4], inventory.Chefs.Select(c => c.Row));
        Assert.Null(inventory.Chefs[1].Schedule);
        Assert.Equal(1, Google.TokensIssued);
        Assert.Contains("POST /token", Google.Requests);
        Assert.Contains($"GET /v4/spreadsheets/{TeamSheet.Id}/values/%27Chefs%27", Google.Requests);
        Assert.Contains(SheetFixture.AccountEmail, inventory.Origin!.Way);
    }

    [Fact]
    public async Task A_service_account_the_sheet_is_not_shared_with_is_told_to_share_it_with_its_email()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: false));
        var config = _fixture.ServiceAccountConfig(out var key);
        using var _ = key;

        var error = await Assert.ThrowsAsync<SushOpsException>(() => _fixture.LoadAsync(_fixture.SheetUrl(), config));

        Assert.Contains("PERMISSION_DENIED", error.Message);
        Assert.Contains($"Share it with {SheetFixture.AccountEmail}", error.Message);
    }

    [Fact]
    public async Task A_missing_credentials_file_is_an_error_that_says_where_to_get_a_key()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: false));
        var path = Path.Combine(_fixture.Directory, "absent.json");

        var error = await Assert.ThrowsAsync<SushOpsException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.CredentialsConfig(path)));

        Assert.Contains($"google.credentials_file is {path}, which does not exist", error.Message);
        Assert.Contains("Add key > JSON", error.Message);
    }

    [Fact]
    public async Task A_credentials_file_that_is_not_a_service_account_key_is_an_error()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: false));
        var path = Path.Combine(_fixture.Directory, "notes.json");
        File.WriteAllText(path, """{"installed": {"client_id": "abc.apps.googleusercontent.com"}}""");

        var error = await Assert.ThrowsAsync<SushOpsException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.CredentialsConfig(path)));

        Assert.Contains($"{path} is not a service account's JSON key", error.Message);
        Assert.Equal(0, Google.TokensIssued);
    }

    [Fact]
    public async Task A_key_that_google_no_longer_accepts_is_refused_at_the_token_endpoint()
    {
        var spreadsheet = Google.Add(TeamSheet.Spreadsheet(linkShared: false));
        spreadsheet.SharedWith.Add(SheetFixture.AccountEmail);
        var config = _fixture.ServiceAccountConfig(out var key);
        using var _ = key;
        using var other = System.Security.Cryptography.RSA.Create(2048);
        Google.ServiceAccounts[SheetFixture.AccountEmail] = other;

        var error = await Assert.ThrowsAsync<SushOpsException>(() => _fixture.LoadAsync(_fixture.SheetUrl(), config));

        Assert.Contains("token endpoint refused the service account key", error.Message);
        Assert.Contains("invalid_grant: Invalid JWT Signature.", error.Message);
        Assert.Equal(0, Google.TokensIssued);
    }

    [Fact]
    public async Task An_api_key_reads_a_link_shared_sheet_through_the_api()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        Google.ApiKeys.Add("AIzaSyStandInKey000000000000000000000");

        var inventory = await _fixture.LoadAsync(
            _fixture.SheetUrl(), _fixture.ApiKeyConfig("AIzaSyStandInKey000000000000000000000"));

        Assert.Equal(2, inventory.Chefs.Count);
        Assert.Contains($"GET /v4/spreadsheets/{TeamSheet.Id}", Google.Requests);
        Assert.DoesNotContain(Google.Requests, r => r.Contains("export", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_api_key_google_refuses_is_reported_without_showing_the_key()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));

        var error = await Assert.ThrowsAsync<SushOpsException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ApiKeyConfig("AIzaSyWrongKey")));

        Assert.Contains("google.api_key was refused", error.Message);
        Assert.Contains("API key not valid", error.Message);
        Assert.DoesNotContain("AIzaSyWrongKey", error.Message);
    }

    [Fact]
    public async Task An_api_key_cannot_read_a_private_sheet_and_says_so()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: false));
        Google.ApiKeys.Add("AIzaSyStandInKey");

        var error = await Assert.ThrowsAsync<SushOpsException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ApiKeyConfig("AIzaSyStandInKey")));

        Assert.Contains("an API key reads only such sheets", error.Message);
    }

    [Fact]
    public async Task A_gid_the_spreadsheet_does_not_have_is_reported_through_the_api_with_the_sheets_it_has()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        Google.ApiKeys.Add("AIzaSyStandInKey");

        var error = await Assert.ThrowsAsync<SushOpsException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(gid: 77), _fixture.ApiKeyConfig("AIzaSyStandInKey")));

        Assert.Contains("has no sheet with gid 77", error.Message);
        Assert.Contains($"\"Chefs\" (gid {TeamSheet.Gid})", error.Message);
    }

    [Fact]
    public async Task A_range_reads_its_rows_numbered_as_in_the_sheet()
    {
        var spreadsheet = Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        spreadsheet.Sheets.Add(new StandInSheet(5, "Archive", [
            ["Old chefs, kept for reference"],
            [],
            ["chef_name", "repo_url", "command", "schedule"],
            ["old_chef", "https://github.com/learningequality/sushi-chef-old.git", "./sushichef.py", "0 3 * *"],
        ]));
        Google.ApiKeys.Add("AIzaSyStandInKey");

        var error = await Assert.ThrowsAsync<InventoryException>(() => _fixture.LoadAsync(
            $"gsheet:{TeamSheet.Id}!Archive!A3:D", _fixture.ApiKeyConfig("AIzaSyStandInKey")));

        Assert.Equal(4, Assert.Single(error.Errors).Row);
    }

    [Fact]
    public async Task A_range_the_api_cannot_parse_is_reported_with_the_form_it_takes()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        Google.ApiKeys.Add("AIzaSyStandInKey");

        var error = await Assert.ThrowsAsync<SushOpsException>(() => _fixture.LoadAsync(
            $"gsheet:{TeamSheet.Id}!Chfes!A1:K", _fixture.ApiKeyConfig("AIzaSyStandInKey")));

        Assert.Contains("Unable to parse range: Chfes!A1:K", error.Message);
        Assert.Contains("the range Chfes!A1:K does not exist", error.Message);
    }

    [Fact]
    public async Task Ragged_rows_from_the_api_load_and_keep_their_sheet_row_numbers()
    {
        var rows = TeamSheet.Rows();
        rows.Insert(3, []);
        rows.Add(["kolibri_docs", "", "", "https://github.com/learningequality/sushi-chef-docs.git", "", "",
            "./run.sh"]);
        Google.Add(new StandInSpreadsheet(TeamSheet.Id, new StandInSheet(0, "Chefs", rows)) { LinkShared = true });
        Google.ApiKeys.Add("AIzaSyStandInKey");

        var inventory = await _fixture.LoadAsync(
            $"gsheet:{TeamSheet.Id}", _fixture.ApiKeyConfig("AIzaSyStandInKey"));

        Assert.Equal(["khan_academy_en", "pradigi", "kolibri_docs"], inventory.Chefs.Select(c => c.Name));
        Assert.Equal([3, 5, 6], inventory.Chefs.Select(c => c.Row));
        Assert.All(inventory.Chefs.Skip(1), c => Assert.Null(c.Schedule));
    }

    [Fact]
    public async Task A_quota_answer_is_retried_after_a_wait()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        Google.ApiKeys.Add("AIzaSyStandInKey");
        Google.QuotaFailures = 2;

        var inventory = await _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ApiKeyConfig("AIzaSyStandInKey"));

        Assert.Equal(2, inventory.Chefs.Count);
        Assert.Equal(0, Google.QuotaFailures);
    }

    [Fact]
    public async Task A_quota_that_stays_exceeded_is_an_error_that_says_to_wait_or_raise_it()
    {
        Google.Add(TeamSheet.Spreadsheet(linkShared: true));
        Google.ApiKeys.Add("AIzaSyStandInKey");
        Google.QuotaFailures = 10;

        var error = await Assert.ThrowsAsync<SushOpsException>(
            () => _fixture.LoadAsync(_fixture.SheetUrl(), _fixture.ApiKeyConfig("AIzaSyStandInKey")));

        Assert.Contains("HTTP 429 RESOURCE_EXHAUSTED", error.Message);
        Assert.Contains("read quota is used up", error.Message);
        Assert.Equal(7, Google.QuotaFailures);
    }

    [Fact]
    public async Task Any_url_that_answers_with_csv_is_an_inventory()
    {
        Google.Files["chefs.csv"] = (
            "chef_name,repo_url,command\nhello_chef,https://github.com/learningequality/hello.git,./run.sh\n",
            "text/csv");

        var inventory = await _fixture.LoadAsync(new Uri(Google.BaseUrl, "files/chefs.csv").ToString(),
            _fixture.ExportConfig());

        Assert.Equal("hello_chef", Assert.Single(inventory.Chefs).Name);
    }

    [Fact]
    public async Task A_url_that_answers_with_a_web_page_is_refused()
    {
        Google.Files["chefs.html"] = ("<html><body>chefs</body></html>", "text/html");

        var error = await Assert.ThrowsAsync<SushOpsException>(() => _fixture.LoadAsync(
            new Uri(Google.BaseUrl, "files/chefs.html").ToString(), _fixture.ExportConfig()));

        Assert.Contains("answered with a web page, not CSV", error.Message);
    }
}
