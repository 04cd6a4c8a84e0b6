namespace SushOps.Tests.Infrastructure;

/// <summary>Debian's cron daemon, started for tests that need entries to fire (nothing starts it here).</summary>
public static class CronDaemon
{
    private const string Program = "/usr/sbin/cron";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Starts cron unless one already runs; installs the cron package first when it is missing.</summary>
    public static async Task EnsureRunningAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if ((await ProcessRunner.RunAsync("pgrep", ["-x", "cron"])).ExitCode == 0)
            {
                return;
            }

            if (!File.Exists(Program))
            {
                string[] install = ["install", "-y", "-qq", "--no-install-recommends", "cron"];
                await ProcessRunner.RunCheckedAsync("apt-get", install);
            }

            // cron forks into the background and keeps running after the tests, like the service it is.
            await ProcessRunner.RunCheckedAsync(Program, []);
        }
        finally
        {
            Gate.Release();
        }
    }
}
