using SushOps.Configuration;

namespace SushOps.Tests.Configuration;

public class GoogleConfigTests
{
    private const string BaseDir = "/etc/sushops";

    private static SushOpsConfig Parse(string yaml) =>
        ConfigLoader.Parse(new StringReader(yaml), "sushops.yaml", BaseDir);

    [Fact]
    public void Google_settings_load_with_paths_relative_to_the_config()
    {
        var config = Parse("""
            inventory: https://docs.google.com/spreadsheets/d/1kV6TQzUr8Qf0M2n5cR1Xw3bYp7sLhD9aE4gJtN0uWqZ/edit#gid=0
            google:
              credentials_file: keys/reader.json
              export_base_url: http://127.0.0.1:8080
              api_base_url: http://127.0.0.1:8081/google/
            """);

        Assert.Equal(
            "https://docs.google.com/spreadsheets/d/1kV6TQzUr8Qf0M2n5cR1Xw3bYp7sLhD9aE4gJtN0uWqZ/edit#gid=0",
            config.Inventory);
        Assert.Equal("/etc/sushops/keys/reader.json", config.Google.CredentialsFile);
        Assert.Equal("http://127.0.0.1:8080/", config.Google.ExportBaseUrl.ToString());
        Assert.Equal("http://127.0.0.1:8081/google/", config.Google.ApiBaseUrl.ToString());
        Assert.True(config.Google.UsesApi);
    }

    [Fact]
    public void Without_a_google_section_sheets_are_read_through_googles_csv_export()
    {
        var config = Parse("inventory: gsheet:1kV6TQzUr8Qf0M2n5cR1Xw3bYp7sLhD9aE4gJtN0uWqZ#0\n");

        Assert.Equal("gsheet:1kV6TQzUr8Qf0M2n5cR1Xw3bYp7sLhD9aE4gJtN0uWqZ#0", config.Inventory);
        Assert.False(config.Google.UsesApi);
        Assert.Equal("https://docs.google.com/", config.Google.ExportBaseUrl.ToString());
        Assert.Equal("https://sheets.googleapis.com/", config.Google.ApiBaseUrl.ToString());
    }

    [Fact]
    public void An_api_key_is_a_secret_that_never_prints()
    {
        var config = Parse("google:\n  api_key: AIzaSyStandInKey\n");

        Assert.Equal("AIzaSyStandInKey", config.Google.ApiKey!.Reveal());
        Assert.Equal("***", $"{config.Google.ApiKey}");
        Assert.DoesNotContain("AIzaSy", config.Google.ToString());
    }

    [Fact]
    public void Unknown_google_keys_and_bad_urls_are_errors_with_their_lines()
    {
        var error = Assert.Throws<SushOpsException>(() => Parse("""
            google:
              credentials: key.json
              api_base_url: sheets.googleapis.com
            """)).Message;

        Assert.Contains("sushops.yaml line 2, key google.credentials: is not a known key", error);
        Assert.Contains(
            "sushops.yaml line 3, key google.api_base_url: \"sheets.googleapis.com\" is not an http(s) URL", error);
    }
}
