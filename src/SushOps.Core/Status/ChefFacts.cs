using System.Text;
using SushOps.Runs;

namespace SushOps.Status;

/// <summary>What the facts script reports about one chef on a host.</summary>
public sealed record ChefFacts
{
    /// <summary>The chef's name.</summary>
    public string Chef { get; init; } = "";

    /// <summary>True when the chef has a checkout and a virtualenv.</summary>
    public bool Setup { get; init; }

    /// <summary>The commit the checkout is at; empty when there is none.</summary>
    public string Commit { get; init; } = "";

    /// <summary>The branch the checkout is on, base64-encoded; empty when detached or absent.</summary>
    public string Branch { get; init; } = "";

    /// <summary>The chef's process group while a run is going on.</summary>
    public int? RunningPid { get; init; }

    /// <summary>The name of the run going on (its UTC start time); empty when none.</summary>
    public string RunningRun { get; init; } = "";

    /// <summary>The newest run records, newest first.</summary>
    public IReadOnlyList<RecordFacts> Records { get; init; } = [];

    /// <summary>The end of the log of the newest run that was not skipped, when it did not succeed; base64.</summary>
    public string LogTail { get; init; } = "";

    /// <summary>The branch name.</summary>
    public string? BranchName => Branch.Length == 0 ? null : Decode(Branch).TrimEnd('\n');

    /// <summary>The log tail's lines.</summary>
    public IReadOnlyList<string> LogTailLines =>
        LogTail.Length == 0 ? [] : Decode(LogTail).TrimEnd('\n').Split('\n');

    /// <summary>The records that could be read, newest first; unreadable ones are left out.</summary>
    public IReadOnlyList<RunRecord> RunRecords()
    {
        var records = new List<RunRecord>();
        foreach (var record in Records)
        {
            try
            {
                records.Add(RunRecord.Parse(Decode(record.Text), record.Name));
            }
            catch (FormatException)
            {
                // A record damaged by hand; the others still tell the story.
            }
        }

        return records;
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));
}
