using System.Net;
using System.Text.Json;
using SushOps.Sheets;

namespace SushOps.Tests.Sheets;

public class SheetsApiClientTests
{
    [Theory]
    [InlineData("Chefs!A1:K1000", 1)]
    [InlineData("'Chefs 2024'!B3:K", 3)]
    [InlineData("'It''s!here'!C12:D40", 12)]
    [InlineData("Chefs!A:K", 1)]
    [InlineData("A7:K9", 7)]
    public void The_first_row_is_read_from_the_range_the_api_reports(string range, int row) =>
        Assert.Equal(row, SheetsApiClient.FirstRow(range));

    [Fact]
    public void Rows_without_their_trailing_empty_cells_keep_their_numbers()
    {
        using var answer = JsonDocument.Parse("""
            {"range": "Chefs!A2:Z1000", "majorDimension": "ROWS",
             "values": [["chef_name", "repo_url", "command", "schedule"], [], ["a", "b", "c"]]}
            """);

        var lines = SheetsApiClient.Lines(answer.RootElement);

        Assert.Equal([2, 3, 4], lines.Select(l => l.Row));
        Assert.Equal(["a", "b", "c"], lines[2].Cells);
        Assert.Empty(lines[1].Cells);
    }

    [Fact]
    public void An_empty_sheet_has_no_values_and_no_rows()
    {
        using var answer = JsonDocument.Parse("""{"range": "Chefs!A1:Z1000", "majorDimension": "ROWS"}""");

        Assert.Empty(SheetsApiClient.Lines(answer.RootElement));
    }

    [Fact]
    public void Googles_error_body_is_read_with_its_reason()
    {
        var error = GoogleError.TryParse("""
            {"error": {"code": 403, "message": "Google Sheets API has not been used in project 1 before",
             "status": "PERMISSION_DENIED", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
             "reason": "SERVICE_DISABLED", "domain": "googleapis.com"}]}}
            """);

        Assert.Equal(new GoogleError(403, "Google Sheets API has not been used in project 1 before",
            "PERMISSION_DENIED", "SERVICE_DISABLED"), error);
        Assert.Null(GoogleError.TryParse("<html>Not Found</html>"));
    }

    [Fact]
    public void A_disabled_api_is_explained_as_a_switch_in_the_cloud_console()
    {
        var error = new GoogleError(403, "Sheets API has not been used", "PERMISSION_DENIED", "SERVICE_DISABLED");
        var access = new SheetsApiAccess("reader@p.iam.gserviceaccount.com", "/keys/reader.json");

        var sheet = new SheetAddress("abcdefghijkl");

        var message = SheetsApiErrors.Explain(HttpStatusCode.Forbidden, error, sheet, access);

        Assert.Contains("enable the Google Sheets API", message);
    }

    [Fact]
    public void Quota_waits_grow_and_honour_retry_after_up_to_a_minute()
    {
        var retry = QuotaRetry.Default;

        Assert.Equal(5, retry.Attempts);
        Assert.Equal([1, 2, 4, 8], Enumerable.Range(0, 4).Select(i => retry.Delay(i, null).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(30), retry.Delay(0, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromMinutes(1), retry.Delay(0, TimeSpan.FromHours(1)));
    }
}
