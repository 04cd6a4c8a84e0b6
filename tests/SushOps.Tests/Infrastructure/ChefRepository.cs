namespace SushOps.Tests.Infrastructure;

/// <summary>
/// A real git repository holding a small chef, made in a test: <c>chef.py</c> prints a greeting (from the
/// installed <c>greeting</c> package when the repository has requirements) and its arguments.
/// </summary>
public sealed class ChefRepository
{
    private const string ChefScript = """
        import os, sys
        try:
            import greeting
            message = greeting.MESSAGE
        except ImportError:
            message = "no greeting package"
        print("chef says:", message)
        print("cwd:", os.path.basename(os.getcwd()))
        print("args:", " ".join(sys.argv[1:]))
        print("studio:", os.environ.get("STUDIO_URL", "-"))
        for arg in sys.argv[1:]:
            if arg.startswith("--token="):
                path = arg[len("--token="):]
                print("token file mode:", oct(os.stat(path).st_mode & 0o777))
        if "--ask" in sys.argv:
            input("Continue? ")
        sys.exit(int(os.environ.get("CHEF_EXIT", "0")))
        """;

    private ChefRepository(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates the repository with one commit on <c>main</c>.</summary>
    public static async Task<ChefRepository> CreateAsync(string path, string? requirements = null)
    {
        Directory.CreateDirectory(path);
        var repository = new ChefRepository(path);
        await repository.GitAsync("init", "--quiet", "--initial-branch=main");
        await File.WriteAllTextAsync(System.IO.Path.Combine(path, "chef.py"), ChefScript + "\n");
        Directory.CreateDirectory(System.IO.Path.Combine(path, "sub"));
        await File.WriteAllTextAsync(System.IO.Path.Combine(path, "sub", "chef.py"), ChefScript + "\n");
        if (requirements is not null)
        {
            await File.WriteAllTextAsync(System.IO.Path.Combine(path, "requirements.txt"), requirements);
        }

        await repository.CommitAllAsync("first version of the chef");
        return repository;
    }

    /// <summary>Writes a file and commits it.</summary>
    public async Task CommitFileAsync(string name, string content, string message)
    {
        await File.WriteAllTextAsync(System.IO.Path.Combine(Path, name), content);
        await CommitAllAsync(message);
    }

    public async Task<string> HeadAsync() => (await GitAsync("rev-parse", "HEAD")).StandardOutput.Trim();

    /// <summary>Runs git in the repository; it may belong to the SSH test user, so ownership is not checked.</summary>
    public Task<ProcessResult> GitAsync(params string[] arguments) =>
        ProcessRunner.RunCheckedAsync("git", ["-c", "safe.directory=*", "-C", Path, .. arguments]);

    private async Task CommitAllAsync(string message)
    {
        await GitAsync("add", "--all");
        await GitAsync("-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
            "commit", "--quiet", "-m", message);
    }
}
