using SushOps.Inventories;
using SushOps.Sheets;

namespace SushOps.Tests.Sheets;

public class SheetAddressTests
{
    private const string Id = "1kV6TQzUr8Qf0M2n5cR1Xw3bYp7sLhD9aE4gJtN0uWqZ";

    [Theory]
    [InlineData("https://docs.google.com/spreadsheets/d/" + Id + "/edit#gid=1386834576", 1386834576L)]
    [InlineData("https://docs.google.com/spreadsheets/d/" + Id + "/edit?gid=42#gid=42", 42L)]
    [InlineData("https://docs.google.com/spreadsheets/d/" + Id + "/edit?usp=sharing", null)]
    [InlineData("https://docs.google.com/spreadsheets/u/1/d/" + Id + "/edit#gid=7", 7L)]
    [InlineData("https://docs.google.com/spreadsheets/d/" + Id + "/export?format=csv&gid=3", 3L)]
    [InlineData("https://docs.google.com/spreadsheets/d/" + Id, null)]
    public void Sheet_urls_as_the_browser_shows_them_name_the_spreadsheet_and_its_gid(string url, long? gid)
    {
        var source = InventorySource.Parse(url);

        Assert.Equal(InventorySourceKind.Sheet, source.Kind);
        Assert.Equal(new SheetAddress(Id, gid), source.Sheet);
    }

    [Fact]
    public void The_short_form_takes_a_gid_or_a_range()
    {
        Assert.Equal(new SheetAddress(Id), InventorySource.Parse($"gsheet:{Id}").Sheet);
        Assert.Equal(new SheetAddress(Id, 5), InventorySource.Parse($"gsheet:{Id}#5").Sheet);
        Assert.Equal(new SheetAddress(Id, null, "'Chefs 2024'!A1:K"),
            InventorySource.Parse($"gsheet:{Id}!'Chefs 2024'!A1:K").Sheet);
        Assert.Equal($"gsheet:{Id}#5", new SheetAddress(Id, 5).ToString());
    }

    [Theory]
    [InlineData("https://docs.google.com/document/d/" + Id + "/edit")]
    [InlineData("https://docs.google.com/spreadsheets/u/0/")]
    [InlineData("https://docs.google.com/spreadsheets/d/e/2PACX-1vQ/pubhtml")]
    public void A_google_docs_url_that_is_not_a_sheet_is_an_error_that_shows_the_forms(string url)
    {
        var error = Assert.Throws<SushOpsException>(() => InventorySource.Parse(url));

        Assert.Contains("is not a Google Sheet URL", error.Message);
        Assert.Contains("gsheet:<id>#<gid>", error.Message);
    }

    [Theory]
    [InlineData("gsheet:")]
    [InlineData("gsheet:abc")]
    [InlineData("gsheet:" + Id + "#first")]
    public void A_short_form_that_does_not_parse_is_an_error(string text)
    {
        var error = Assert.Throws<SushOpsException>(() => InventorySource.Parse(text));

        Assert.Contains("is not a sheet address", error.Message);
    }

    [Fact]
    public void A_published_sheets_csv_link_is_a_plain_csv_url()
    {
        var url = "https://docs.google.com/spreadsheets/d/e/2PACX-1vQ/pub?gid=0&single=true&output=csv";

        Assert.Equal(InventorySourceKind.Url, InventorySource.Parse(url).Kind);
    }

    [Theory]
    [InlineData("inventory.csv", InventorySourceKind.File)]
    [InlineData("/srv/chefs/inventory.csv", InventorySourceKind.File)]
    [InlineData("https://raw.githubusercontent.com/learningequality/chefs/main/chefs.csv", InventorySourceKind.Url)]
    [InlineData("http://files.internal:8080/inventory.csv", InventorySourceKind.Url)]
    public void Paths_and_other_urls_are_files_and_csv_urls(string text, InventorySourceKind kind) =>
        Assert.Equal(kind, InventorySource.Parse(text).Kind);

    [Fact]
    public void A_url_that_is_not_http_is_an_error()
    {
        var error = Assert.Throws<SushOpsException>(() => InventorySource.Parse("ftp://files/inventory.csv"));

        Assert.Contains("is not a file, an http(s) URL or a Google Sheet", error.Message);
    }

    [Fact]
    public void A_range_cannot_be_read_through_the_csv_export()
    {
        var error = Assert.Throws<SushOpsException>(
            () => CsvDownload.ExportUrl(new SheetAddress(Id, null, "Chefs!A1:K"), new Uri("https://example.org/")));

        Assert.Contains("google.credentials_file or google.api_key", error.Message);
    }

    [Fact]
    public void The_export_url_names_the_gid()
    {
        var url = CsvDownload.ExportUrl(new SheetAddress(Id, 42), new Uri("https://docs.google.com/"));

        Assert.Equal($"https://docs.google.com/spreadsheets/d/{Id}/export?format=csv&gid=42", url.ToString());
    }

    [Fact]
    public void Different_sheets_of_one_spreadsheet_are_cached_apart()
    {
        var keys = new[] { "", "#1", "#2", "!A1:K", "!A1:L" }
            .Select(suffix => $"gsheet:{Id}{suffix}")
            .Select(s => InventorySource.Parse(s).CacheKey);

        Assert.Equal(5, keys.Distinct().Count());
    }
}
