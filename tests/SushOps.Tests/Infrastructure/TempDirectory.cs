namespace SushOps.Tests.Infrastructure;

/// <summary>A fresh directory under /tmp, world-readable so an SSH test user can read what tests put there.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "sushops-test")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's /tmp cleaning; a test's result never depends on it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
