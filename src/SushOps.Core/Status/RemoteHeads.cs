using LibGit2Sharp;
using SushOps.Verbs;

namespace SushOps.Status;

/// <summary>Reads remotes' branch heads from the operator's machine, without a clone (like git ls-remote).</summary>
public static class RemoteHeads
{
    private const string HeadsPrefix = "refs/heads/";

    /// <summary>Lists the remote at <paramref name="url"/>; a remote that cannot be read gives a problem.</summary>
    public static RemoteHead Read(string url)
    {
        try
        {
            var branches = new Dictionary<string, string>();
            string? defaultBranch = null;
            foreach (var reference in Repository.ListRemoteReferences(url))
            {
                if (reference.CanonicalName == "HEAD" && reference is SymbolicReference)
                {
                    defaultBranch = Short(reference.TargetIdentifier);
                }
                else if (reference.CanonicalName.StartsWith(HeadsPrefix, StringComparison.Ordinal))
                {
                    branches[Short(reference.CanonicalName)!] = reference.TargetIdentifier;
                }
            }

            return new RemoteHead(branches, defaultBranch);
        }
        catch (LibGit2SharpException e)
        {
            return new RemoteHead(new Dictionary<string, string>(), null, e.Message.Trim());
        }
    }

    /// <summary>How many remotes are read at once.</summary>
    public const int MaxAtOnce = 16;

    /// <summary>
    /// Reads each distinct remote once, <see cref="MaxAtOnce"/> side by side. libgit2 blocks a thread while it
    /// waits for the remote, so the pool gets that many threads more, and the hosts' work never waits for them.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, RemoteHead>> ReadAllAsync(
        IEnumerable<string> urls,
        CancellationToken cancellationToken)
    {
        using var threads = PoolThreads.Reserve(MaxAtOnce);
        var heads = new System.Collections.Concurrent.ConcurrentDictionary<string, RemoteHead>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(urls.Distinct(), options, (url, _) =>
        {
            heads[url] = Read(url);
            return ValueTask.CompletedTask;
        });
        return heads;
    }

    private static string? Short(string name) =>
        name.StartsWith(HeadsPrefix, StringComparison.Ordinal) ? name[HeadsPrefix.Length..] : null;
}
