using LibGit2Sharp;

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

    /// <summary>Reads each distinct remote once, all of them side by side.</summary>
    public static async Task<IReadOnlyDictionary<string, RemoteHead>> ReadAllAsync(
        IEnumerable<string> urls,
        CancellationToken cancellationToken)
    {
        var distinct = urls.Distinct().ToList();
        var heads = await Task.WhenAll(distinct.Select(url => Task.Run(() => Read(url), cancellationToken)));
        return distinct.Zip(heads).ToDictionary(pair => pair.First, pair => pair.Second);
    }

    private static string? Short(string name) =>
        name.StartsWith(HeadsPrefix, StringComparison.Ordinal) ? name[HeadsPrefix.Length..] : null;
}
