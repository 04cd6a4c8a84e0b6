using SushOps.Inventories;

namespace SushOps.Studio;

/// <summary>
/// One run record on this machine, named by the host runner when it promotes right after a scheduled run.
/// </summary>
public sealed class RunRecordFile(string path) : IRunRecordStore
{
    /// <inheritdoc />
    public async Task<RunRecord?> LatestAsync(Chef chef, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new SushOpsException($"The run record {path} given with --run-record does not exist.");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
        return RunRecord.Parse(Path.GetFileName(path), text)
               ?? throw new SushOpsException($"The run record {path} is not a JSON object.");
    }

    /// <inheritdoc />
    public async Task SaveAsync(Chef chef, RunRecord run, string json, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, json + "\n", cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
