using SushOps.Hosts;

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
}
