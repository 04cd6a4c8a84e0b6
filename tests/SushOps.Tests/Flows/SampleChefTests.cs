using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Flows;

/// <summary>The main job of README: hello_chef from the sample inventory, set up and run on the local role.</summary>
public sealed class SampleChefTests : IDisposable
{
    private static readonly string Root = FindRepositoryRoot();
    private readonly TempDirectory _dir = new("sushops-sample");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Hello_chef_sets_up_and_runs_from_the_sample_inventory()
    {
        var inventory = Path.Combine(Root, "inventory.sample.csv");

        var setup = await SushOpsProcess.RunAsync(_dir.Path, "setup", "hello_chef", "-i", inventory);
        var run = await SushOpsProcess.RunAsync(_dir.Path, "run", "hello_chef", "-i", inventory);

        Assert.True(setup.ExitCode == 0, setup.Output);
        Assert.Contains("[local] hello_chef: changed: cloned", setup.StandardOutput);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("[local] hello_chef | ", run.StandardOutput);
        Assert.Contains("DONE: hello_chef finished", run.StandardOutput);
        Assert.True(File.Exists(_dir.Combine(".data", "sushops", "chefs", "hello_chef", "repo", "hello_chef.py")));
    }

    [Fact]
    public async Task The_bundle_holds_exactly_the_files_of_samples_hello_chef()
    {
        var clone = _dir.Combine("clone");
        var bundle = Path.Combine(Root, "samples", "hello_chef.bundle");
        await ProcessRunner.RunCheckedAsync("git", ["clone", "--quiet", bundle, clone]);
        var source = Path.Combine(Root, "samples", "hello_chef");

        var inBundle = Files(clone);
        var inSource = Files(source);

        Assert.Equal(inSource, inBundle);
        foreach (var file in inSource)
        {
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(source, file)),
                await File.ReadAllTextAsync(Path.Combine(clone, file)));
        }
    }

    private static List<string> Files(string directory) => Directory
        .GetFiles(directory, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(directory, f))
        .Where(f => !f.StartsWith(".git" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SushOps.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
