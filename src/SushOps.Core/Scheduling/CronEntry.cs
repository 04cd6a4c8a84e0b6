using System.Globalization;
using SushOps.Plans;
using SushOps.Targeting;
using static SushOps.Shell.ShellQuote;

namespace SushOps.Scheduling;

/// <summary>
/// The crontab line that runs a chef on schedule: the host's runner with the chef's directory, working
/// directory and command, exactly as <c>sushops run</c> starts it, with trigger <c>cron</c>.
/// </summary>
public static class CronEntry
{
    /// <summary>The whole crontab line for <paramref name="target"/>, or null when the chef has no schedule.</summary>
    public static string? For(Target target, RunOptions options)
    {
        if (target.Chef.Schedule is not { } schedule)
        {
            return null;
        }

        var role = target.Host.Role;
        var (command, _) = Planner.ChefCommand(target, options);
        var chefsDir = target.Host.ChefsDir.TrimEnd('/');
        var environment = new List<string>();
        if (options.StudioUrl is { } url)
        {
            environment.Add("STUDIO_URL=" + Quote(url));
        }

        environment.Add("SUSHOPS_STAGE=" + role.Stage.ToString().ToLowerInvariant());
        if (role.MaxRunHours is { } hours)
        {
            var seconds = (long)Math.Ceiling(hours * 3600);
            environment.Add("SUSHOPS_MAX_RUN_SECONDS=" + seconds.ToString(CultureInfo.InvariantCulture));
        }

        if (role.SushopsPath is { } sushops)
        {
            environment.Add("SUSHOPS_PROMOTE=" + Path(sushops));
        }

        var call = string.Join(' ',
            string.Join(' ', environment),
            Path($"{chefsDir}/{ChefSteps.RunnerPath}"),
            Path($"{chefsDir}/{target.Chef.Name}"),
            Quote(target.Chef.WorkingDirectory ?? ""),
            "cron",
            Quote(command),
            ">/dev/null");
        return HashedSchedule.Resolve(schedule, target.Chef.Name) + " " + EscapePercent(call);
    }

    // cron turns an unescaped % in the command into a newline, even inside quotes.
    private static string EscapePercent(string command) => command.Replace("%", "\\%", StringComparison.Ordinal);
}
