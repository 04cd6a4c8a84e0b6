using SushOps.Hosts;
using SushOps.Targeting;
using SushOps.Verbs;

namespace SushOps.Health;

/// <summary>Runs the doctor script on a host and judges what it found.</summary>
public static class HostExamination
{
    /// <summary>
    /// The host's health checks (curl among them when <paramref name="alerts"/>); throws
    /// <see cref="HostUnreachableException"/> when the connection is lost.
    /// </summary>
    public static async Task<IReadOnlyList<HealthCheck>> ExamineAsync(
        IHostExecutor executor,
        long minFreeBytes,
        bool alerts,
        CancellationToken cancellationToken)
    {
        var facts = new Dictionary<string, string>();
        var sent = DateTimeOffset.UtcNow;
        await executor.ExecuteAsync(DoctorScript.For(executor.Host), ReadOnlyMemory<byte>.Empty, line =>
        {
            var fields = line.Line.Split('\t', 2);
            if (!line.IsError && fields.Length == 2)
            {
                facts[fields[0]] = fields[1];
            }
        }, cancellationToken);

        // The host read its clock somewhere in the round trip: compare with the middle of it. Its whole seconds
        // are on average half a second early.
        var middle = sent + (DateTimeOffset.UtcNow - sent) / 2;
        var offset = long.TryParse(facts.GetValueOrDefault("now"), out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) + TimeSpan.FromSeconds(0.5) - middle
            : TimeSpan.Zero;
        return HostHealth.Judge(executor.Host, facts, offset, minFreeBytes, alerts);
    }

    /// <summary>
    /// Examines every host side by side; a host that cannot be reached, or is lost on the way, has the reason
    /// as its problem and no checks. The hosts come back sorted by name.
    /// </summary>
    public static async Task<IReadOnlyList<HostExamined>> ExamineAllAsync(
        IEnumerable<HostTarget> hosts,
        Func<HostTarget, IHostExecutor> connect,
        int? maxHosts,
        long minFreeBytes,
        bool alerts,
        CancellationToken cancellationToken)
    {
        var examined = new List<HostExamined>();
        var gate = new Lock();
        void Add(HostExamined host)
        {
            lock (gate)
            {
                examined.Add(host);
            }
        }

        await HostFanOut.ForEachHostAsync(
            hosts.Distinct(),
            host => host,
            connect,
            async (executor, _, ct) =>
            {
                try
                {
                    Add(new HostExamined(executor.Host.Name, null,
                        await ExamineAsync(executor, minFreeBytes, alerts, ct)));
                }
                catch (HostUnreachableException e)
                {
                    Add(new HostExamined(executor.Host.Name, e.Message, []));
                }
            },
            (items, e) => Add(new HostExamined(items[0].Name, e.Message, [])),
            maxHosts,
            cancellationToken);
        return [.. examined.OrderBy(h => h.Host, StringComparer.Ordinal)];
    }
}

/// <summary>One host's health checks, or why it could not be examined.</summary>
/// <param name="Host">The host's name.</param>
/// <param name="Problem">Why it could not be reached or was lost; null when it was examined.</param>
/// <param name="Checks">Its checks; none when <paramref name="Problem"/> is set.</param>
public sealed record HostExamined(string Host, string? Problem, IReadOnlyList<HealthCheck> Checks);
