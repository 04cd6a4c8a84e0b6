namespace SushOps.Scheduling;

/// <summary>Which of sushops' crontab entries an operation may rewrite or remove.</summary>
/// <param name="All">Every entry sushops owns (<c>--all</c>).</param>
/// <param name="Chefs">Otherwise, the entries of these chefs only.</param>
public sealed record CrontabScope(bool All, IReadOnlySet<string> Chefs)
{
    /// <summary>True when the entry of <paramref name="chef"/> is in scope.</summary>
    public bool Contains(string chef) => All || Chefs.Contains(chef);
}
