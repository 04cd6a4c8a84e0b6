using SushOps.Configuration;

namespace SushOps.Tests.Configuration;

public sealed class ConfigFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sushops-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Relative_paths_are_resolved_against_the_directory_of_the_config_file()
    {
        var path = Path.Combine(_dir, "sushops.yaml");
        File.WriteAllText(path, "inventory: fleet/inventory.csv\nssh:\n  identity_file: keys/id_ed25519\n");

        var config = ConfigLoader.Load(path);

        Assert.Equal(path, config.Source);
        Assert.Equal(Path.Combine(_dir, "fleet", "inventory.csv"), config.Inventory);
        Assert.Equal(Path.Combine(_dir, "keys", "id_ed25519"), config.Ssh.IdentityFile);
    }

    [Fact]
    public void Errors_name_the_config_file_as_it_was_given()
    {
        var path = Path.Combine(_dir, "sushops.yaml");
        File.WriteAllText(path, "roles:\n  vader:\n    hosts: [vader]\n    pyhton: python3\n");

        var e = Assert.Throws<SushOpsException>(() => ConfigLoader.Load(path));

        Assert.Contains($"  {path} line 4, key roles.vader.pyhton: is not a known key", e.Message);
    }

    [Fact]
    public void A_config_path_that_does_not_exist_is_an_error()
    {
        var path = Path.Combine(_dir, "missing.yaml");

        var e = Assert.Throws<SushOpsException>(() => ConfigLoader.Load(path));

        Assert.Equal($"The config file {path} does not exist.", e.Message);
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
    }
}
