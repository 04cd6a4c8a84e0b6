using SushOps.Configuration;
using SushOps.Hosts;
using SushOps.Targeting;
using SushOps.Verbs;

namespace SushOps.Cli.Commands;

/// <summary>What every verb that acts on hosts shares: executors, secrets and the exit code of outcomes.</summary>
internal static class FleetWork
{
    public static IHostExecutor Connect(HostTarget host, SushOpsConfig config) =>
        host.IsLocal ? new LocalExecutor(host) : new SshExecutor(host, config.Ssh);

    public static IReadOnlyList<Secret> Secrets(Fleet fleet) =>
        fleet.ReadStudioToken() is { } token ? [token] : [];

    /// <summary>1 when anything failed, else 3 when a host was unreachable, else 0.</summary>
    public static int ExitCodeOf(IReadOnlyList<ChefOutcome> outcomes) =>
        outcomes.Any(o => o.Status == OutcomeStatus.Failed) ? ExitCodes.Failed
        : outcomes.Any(o => o.Status == OutcomeStatus.Unreachable) ? ExitCodes.Unreachable
        : ExitCodes.Ok;
}
