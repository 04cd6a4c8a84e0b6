using SushOps.Inventories;

namespace SushOps.Tests.Inventories;

public sealed class InventoryFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sushops-inventory-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Local_repo_paths_are_resolved_against_the_directory_of_the_inventory_file()
    {
        var path = Write("fleet/inventory.csv", "chef_name,repo_url,command\nhello,../samples/hello.bundle,run\n");

        var inventory = InventoryLoader.Load(path);

        Assert.Equal(Path.Combine(_dir, "samples", "hello.bundle"), Assert.Single(inventory.Chefs).RepoUrl);
        Assert.Equal(path, inventory.Source);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_with_its_line_instead_of_changing_a_command()
    {
        var path = Path.Combine(_dir, "latin1.csv");
        File.WriteAllBytes(path, [.. "chef_name,repo_url,command\nfr,/r,echo Fran"u8, 0xE7, .. "ais\n"u8]);

        var e = Assert.Throws<SushOpsException>(() => InventoryLoader.Load(path));

        Assert.Contains($"The inventory {path} is not UTF-8 text: line 2 holds a byte that UTF-8 does not allow (0xE7)",
            e.Message);
    }

    [Fact]
    public void A_utf8_file_with_a_byte_order_mark_loads_as_without_one()
    {
        var path = Path.Combine(_dir, "excel.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "chef_name,repo_url,command\nfr,/r,echo Français\n"u8]);

        Assert.Equal("echo Français", Assert.Single(InventoryLoader.Load(path).Chefs).Command);
    }

    [Fact]
    public void Errors_name_the_inventory_file_as_it_was_given()
    {
        var path = Write("inventory.csv", "chef_name,repo_url,command\nhello,/r,run\nhello,/r,run\n");

        var e = Assert.Throws<InventoryException>(() => InventoryLoader.Load(path));

        Assert.Contains($"  {path} row 3, column \"chef_name\": \"hello\" is already the name", e.Message);
    }

    [Fact]
    public void The_sample_inventory_loads_with_hello_chef_cloned_from_beside_it()
    {
        var sample = FindUpwards("inventory.sample.csv");

        var inventory = InventoryLoader.Load(sample);

        var hello = inventory.Find("hello_chef");
        Assert.NotNull(hello);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(sample)!, "samples", "hello_chef.bundle"), hello.RepoUrl);
    }

    [Fact]
    public void A_missing_inventory_file_says_how_to_name_one()
    {
        var path = Path.Combine(_dir, "nowhere.csv");

        var e = Assert.Throws<SushOpsException>(() => InventoryLoader.Load(path));

        Assert.Equal(
            $"The inventory {path} does not exist; pass one with -i/--inventory or set inventory: in the config",
            e.Message);
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
    }

    private static string FindUpwards(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory}");
    }
}
