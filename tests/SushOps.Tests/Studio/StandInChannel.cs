using System.Text.Json.Nodes;

namespace SushOps.Tests.Studio;

/// <summary>A channel the Studio stand-in holds: its trees, version, diff and who may edit it.</summary>
public sealed class StandInChannel(string id)
{
    public string Id { get; } = id;

    public string Name { get; set; } = "Channel " + id[..6];

    public string RootId { get; set; } = Guid.NewGuid().ToString("N");

    public string? StagingRootId { get; set; }

    public int Version { get; set; }

    public bool Publishing { get; set; }

    public bool Deleted { get; set; }

    /// <summary>False: the token's account cannot edit it, and Studio answers 404.</summary>
    public bool EditableByToken { get; set; } = true;

    /// <summary>Emails of the accounts that may deploy it through api/sync/.</summary>
    public HashSet<string> Editors { get; } = [];

    /// <summary>The diff of the staged tree against the live tree, once generated.</summary>
    public JsonObject? Diff { get; set; }

    /// <summary>How many more times get_node_diff answers 302 before the diff is ready.</summary>
    public int GeneratingPolls { get; set; }

    /// <summary>How many 302 answers a generate_node_diff request sets up.</summary>
    public int PollsPerGeneration { get; set; } = 2;

    public List<string> VersionNotes { get; } = [];

    /// <summary>Stages a new tree with <paramref name="diff"/> as its (already generated) diff.</summary>
    public void Stage(JsonObject? diff)
    {
        StagingRootId = Guid.NewGuid().ToString("N");
        Diff = diff;
    }
}
