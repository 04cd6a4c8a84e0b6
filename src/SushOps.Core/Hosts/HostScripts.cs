namespace SushOps.Hosts;

/// <summary>Shell scripts that ship inside sushops and are installed on hosts.</summary>
public static class HostScripts
{
    /// <summary>The runner every run goes through, by hand or from cron.</summary>
    public static string RunChef { get; } = Read("run-chef.sh");

    /// <summary>The wrapper that runs a script as a role's chef user under sudo (see BecomeExecutor).</summary>
    public static string Become { get; } = Read("become.sh");

    /// <summary>How long a stopped script may take to end before it is killed or its channel closed.</summary>
    public static TimeSpan StopGrace { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Posts the alert about a failed scheduled run; the runner calls it.</summary>
    public static string Alert { get; } = Read("sushops-alert.sh");

    /// <summary>Writes the alert's message, run with the chef's python.</summary>
    public static string AlertMessage { get; } = Read("alert.py");

    private static string Read(string name)
    {
        var assembly = typeof(HostScripts).Assembly;
        using var stream = assembly.GetManifestResourceStream("SushOps.Hosts.Scripts." + name)
                           ?? throw new InvalidOperationException($"The script {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
