using SushOps.Shell;
using SushOps.Targeting;

namespace SushOps.Plans;

/// <summary>Builds the plan of each verb for one chef on one host. Pure: nothing here touches a host.</summary>
public static class Planner
{
    /// <summary>The placeholder in a chef's command that becomes the path of the Studio token file.</summary>
    public const string TokenPlaceholder = "{studio_token}";

    /// <summary>Clone, virtualenv, requirements, post-setup, runner; each skipped when already done.</summary>
    public static Plan Setup(Target target)
    {
        var steps = new List<PlanStep>
        {
            ChefSteps.PrepareDirectories(),
            ChefSteps.Clone(target.Chef),
            ChefSteps.CheckRemote(),
            ChefSteps.CreateVirtualenv(target.Host),
            ChefSteps.InstallRequirements(),
        };
        if (target.Chef.PostSetup is { } postSetup)
        {
            steps.Add(ChefSteps.PostSetup(postSetup));
        }

        steps.Add(ChefSteps.InstallRunner());
        return Build("setup", target, steps);
    }

    /// <summary>Fetch and hard reset (local changes saved first), then requirements if they changed.</summary>
    public static Plan Update(Target target) => Build("update", target,
    [
        ChefSteps.RequireCheckout(),
        ChefSteps.CheckRemote(),
        ChefSteps.FetchAndReset(target.Chef),
        ChefSteps.CreateVirtualenv(target.Host),
        ChefSteps.InstallRequirements(),
    ]);

    /// <summary>Runs the chef through the host's runner, with the Studio token as a file when configured.</summary>
    public static Plan Run(Target target, RunOptions options)
    {
        var (command, files) = ChefCommand(target, options);
        var steps = new List<PlanStep>
        {
            ChefSteps.RequireCheckout(),
            ChefSteps.CheckRemote(),
            ChefSteps.InstallRunner(),
            options.Detach
                ? ChefSteps.StartDetachedRunner(target.Chef, command, options.StudioUrl)
                : ChefSteps.StartRunner(target.Chef, command, options.StudioUrl),
        };
        return Build("run", target, steps, files);
    }

    /// <summary>
    /// The chef's command as the runner gets it: with the Studio token file's path and the extra arguments,
    /// each quoted; and the token file it needs on the host.
    /// </summary>
    public static (string Command, IReadOnlyList<HostFile> Files) ChefCommand(Target target, RunOptions options)
    {
        var files = new List<HostFile>();
        var command = target.Chef.Command;
        if (options.StudioToken is null && command.Contains(TokenPlaceholder, StringComparison.Ordinal))
        {
            throw new SushOpsException(
                $"The command of {target.Chef.Name} uses {TokenPlaceholder}, but no Studio token is configured; "
                + "set studio.token_file in the config, or take the placeholder out of the command.");
        }

        if (options.StudioToken is { } token)
        {
            var tokenPath = $"{target.Host.ChefsDir.TrimEnd('/')}/{ChefSteps.TokenPath}";
            files.Add(new HostFile(tokenPath, token));
            command = WithToken(command, ShellQuote.Path(tokenPath));
        }

        if (options.ExtraArguments.Count > 0)
        {
            command += " " + ShellQuote.Join(options.ExtraArguments);
        }

        return (command, files);
    }

    /// <summary>
    /// Puts the token file's path into the chef's command: in place of <c>{studio_token}</c> when the
    /// command has it, else as ricecooker's <c>--token=PATH</c> after the command.
    /// </summary>
    public static string WithToken(string command, string quotedPath) =>
        command.Contains(TokenPlaceholder, StringComparison.Ordinal)
            ? command.Replace(TokenPlaceholder, quotedPath, StringComparison.Ordinal)
            : $"{command} --token={quotedPath}";

    private static Plan Build(
        string verb,
        Target target,
        List<PlanStep> steps,
        IReadOnlyList<HostFile>? files = null) =>
        new(verb, target, ChefSteps.Preamble(target), steps, files ?? []);
}
