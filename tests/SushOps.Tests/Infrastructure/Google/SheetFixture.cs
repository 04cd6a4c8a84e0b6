using SushOps.Configuration;
using SushOps.Inventories;
using SushOps.Sheets;

namespace SushOps.Tests.Infrastructure.Google;

/// <summary>A stand-in Google, a cache folder of its own, and the config and options that point at them.</summary>
public sealed class SheetFixture : IDisposable
{
    public const string AccountEmail = "sushops-reader@sushops-tests.iam.gserviceaccount.com";

    private readonly TempDirectory _dir = new("sushops-sheet");

    public GoogleStandIn Google { get; } = new();

    public ShiftedClock Clock { get; } = new();

    public string CacheDirectory => _dir.Combine("cache");

    public string Directory => _dir.Path;

    public InventoryLoadOptions Options => new()
    {
        CacheDirectory = CacheDirectory,
        Clock = Clock,
        Retry = new QuotaRetry([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)]),
    };

    public string SheetUrl(long gid = TeamSheet.Gid) =>
        $"https://docs.google.com/spreadsheets/d/{TeamSheet.Id}/edit#gid={gid}";

    /// <summary>No credentials: link-shared sheets through the export of the stand-in.</summary>
    public SushOpsConfig ExportConfig() => Config(null, null);

    public SushOpsConfig ApiKeyConfig(string key) => Config(null, new Secret(key));

    /// <summary>A service account known to the stand-in, its key file written; the sheet is not shared yet.</summary>
    public SushOpsConfig ServiceAccountConfig(out ServiceAccountKey key)
    {
        key = new ServiceAccountKey(AccountEmail, Google.TokenUri);
        Google.ServiceAccounts[AccountEmail] = key.Rsa;
        return CredentialsConfig(key.WriteTo(_dir.Combine("service-account.json")));
    }

    public SushOpsConfig CredentialsConfig(string path) => Config(path, null);

    public Task<Inventory> LoadAsync(string address, SushOpsConfig config, InventoryLoadOptions? options = null) =>
        InventoryReader.LoadAsync(address, config, options ?? Options, CancellationToken.None);

    public void Dispose()
    {
        Google.Dispose();
        _dir.Dispose();
    }

    private SushOpsConfig Config(string? credentials, Secret? apiKey) => SushOpsConfig.Default with
    {
        Google = new GoogleSettings(credentials, apiKey, Google.BaseUrl, Google.BaseUrl),
    };
}
