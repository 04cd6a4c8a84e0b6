using System.Text;
using Serilog;
using SushOps.Hosts;
using SushOps.Inventories;
using SushOps.Targeting;

namespace SushOps.Studio;

/// <summary>
/// Run records on the chefs' hosts, read and written over each host's executor (SSH, or this machine's shell).
/// When a chef lives on several hosts, the newest record among them counts.
/// </summary>
public sealed class HostRunRecords(IReadOnlyList<Target> targets, Func<HostTarget, IHostExecutor> connect)
    : IRunRecordStore
{
    private readonly Dictionary<RunRecord, HostTarget> _origins = [];

    /// <inheritdoc />
    public async Task<RunRecord?> LatestAsync(Chef chef, CancellationToken cancellationToken)
    {
        RunRecord? newest = null;
        foreach (var target in targets.Where(t => t.Chef.Name == chef.Name))
        {
            var output = new StringBuilder();
            var script = RunRecordScripts.Latest(ChefDirectory(target));
            int code;
            try
            {
                code = await ExecuteAsync(target.Host, script, [], output, cancellationToken);
            }
            catch (HostUnreachableException e)
            {
                Log.Warning("No run record of {Chef} from {Host}: {Reason}", chef.Name, target.Host.Name, e.Message);
                continue;
            }

            var text = output.ToString();
            var split = text.IndexOf('\n');
            if (code != 0 || split < 0 || RunRecord.Parse(text[..split], text[(split + 1)..]) is not { } record)
            {
                continue;
            }

            _origins[record] = target.Host;
            if (newest is null || string.CompareOrdinal(record.Name, newest.Name) > 0)
            {
                newest = record;
            }
        }

        return newest;
    }

    /// <inheritdoc />
    public async Task SaveAsync(Chef chef, RunRecord run, string json, CancellationToken cancellationToken)
    {
        var host = _origins[run];
        var script = RunRecordScripts.Replace(ChefDirectory(new Target(chef, host)), run.Name);
        var errors = new StringBuilder();
        var code = await ExecuteAsync(host, script, Encoding.UTF8.GetBytes(json + "\n"), errors, cancellationToken);
        if (code != 0)
        {
            throw new SushOpsException(
                $"Could not write the promotion into {run.Name} of {chef.Name} on {host.Name}: {errors}",
                ExitCodes.Failed);
        }
    }

    private static string ChefDirectory(Target target) => $"{target.Host.ChefsDir.TrimEnd('/')}/{target.Chef.Name}";

    private async Task<int> ExecuteAsync(
        HostTarget host,
        string script,
        byte[] input,
        StringBuilder output,
        CancellationToken cancellationToken)
    {
        await using var executor = connect(host);
        await executor.ConnectAsync(cancellationToken);
        return await executor.ExecuteAsync(script, input, line =>
        {
            if (!line.IsError)
            {
                output.Append(line.Line).Append('\n');
            }
        },
            cancellationToken);
    }
}
