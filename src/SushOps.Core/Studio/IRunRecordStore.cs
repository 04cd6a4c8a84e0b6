using SushOps.Inventories;

namespace SushOps.Studio;

/// <summary>Where promote finds the run that staged a chef's tree, and keeps its decision beside it.</summary>
public interface IRunRecordStore
{
    /// <summary>The chef's latest run record that is not a skipped start; null when it has none.</summary>
    Task<RunRecord?> LatestAsync(Chef chef, CancellationToken cancellationToken);

    /// <summary>Replaces <paramref name="run"/>'s record with <paramref name="json"/> (one line).</summary>
    Task SaveAsync(Chef chef, RunRecord run, string json, CancellationToken cancellationToken);
}
