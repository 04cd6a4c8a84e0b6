using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SushOps.Configuration;
using SushOps.Hosts;
using SushOps.Inventories;
using SushOps.Studio;
using SushOps.Targeting;

namespace SushOps.Cli.Commands;

/// <summary>
/// <c>sushops promote</c>: for each chef's channel, judge the staged tree by Studio's diff and the review
/// rules, then deploy and publish it, or say why it is held back.
/// </summary>
internal static class PromoteCommand
{
    private static readonly Argument<string[]> Chefs = ChefArgument();

    private static readonly Option<bool> All = new("--all", "-a") { Description = "Every chef with a Channel ID" };

    private static readonly Option<bool> DryRun = new("--dry-run", "-n")
    {
        Description = "Fetch the diffs and decide, but deploy, publish and record nothing",
    };

    private static readonly Option<bool> Force = new("--force")
    {
        Description = "Deploy even when review rules fail (who forced it is recorded)",
    };

    private static readonly Option<bool> NoPublish = new("--no-publish")
    {
        Description = "Deploy the staged tree, but do not publish a new version",
    };

    private static readonly Option<string?> RunRecord = new("--run-record")
    {
        Description = "The run record of the run that staged the tree (the host runner passes it; one chef only)",
        HelpName = "FILE",
    };

    // Piped output (a cron mail, a CI log) gets the table at a width that wraps no value.
    private static readonly Lazy<IAnsiConsole> Tables = new(() =>
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        return console;
    });

    public static Command Create()
    {

        var command = new Command(
            "promote",
            "Deploy and publish each chef's staged channel in Kolibri Studio when its diff passes the review "
            + "rules; explain every one held back")
        {
            Chefs, All, DryRun, Force, NoPublish, RunRecord,
        };
        command.SetAction((result, ct) => ExecuteAsync(result, ct));
        return command;
    }

    private static Argument<string[]> ChefArgument()
    {
        var chefs = new Argument<string[]>("chef")
        {
            Description = "Chefs whose staged channels to promote, by chef_name",
            Arity = ArgumentArity.ZeroOrMore,
        };

        // An unknown option would otherwise be taken for a chef name.
        chefs.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"Unknown option {token.Value}.");
            }
        });
        return chefs;
    }

    private static async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var fleet = await CommonOptions.LoadFleetAsync(result, cancellationToken);
        var studio = fleet.Config.Studio;
        var url = studio.Url ?? throw new SushOpsException(
            $"promote needs studio.url in the config ({fleet.Config.Source ?? "none found"}), such as "
            + "https://api.studio.learningequality.org");
        var token = fleet.ReadStudioToken() ?? throw new SushOpsException(
            "promote needs studio.token_file in the config: the Studio API token reads channels and publishes");
        var account = studio.CredentialsFile is { } path ? DeployAccount.Load(path) : null;

        var request = new TargetRequest(result.GetValue(Chefs) ?? [], result.GetValue(All));
        var (chefs, runs, rulesOf) = result.GetValue(RunRecord) is { } record
            ? OnThisHost(record, request, fleet)
            : OnTheirHosts(request, fleet);
        var options = new PromotionOptions(
            result.GetValue(DryRun), result.GetValue(Force), result.GetValue(NoPublish),
            $"{Environment.UserName}@{Environment.MachineName}");

        using var client = new StudioClient(new Uri(url), token);
        var promoter = new Promoter(client, runs, account, options);
        var promotions = new List<Promotion>();
        foreach (var chef in chefs)
        {
            var promotion = await promoter.PromoteAsync(chef, rulesOf(chef).With(chef.Review), cancellationToken);
            Print(promotion, options.DryRun);
            promotions.Add(promotion);
        }

        PrintRecap(promotions);
        return ExitCodeOf(promotions);
    }

    // From an operator's machine: each chef's run records are read on its hosts, and its role's rules apply.
    private static (List<Chef>, IRunRecordStore, Func<Chef, ReviewRules>) OnTheirHosts(
        TargetRequest request,
        Fleet fleet)
    {
        var targets = TargetSelector.Select(fleet.Config, fleet.Inventory, request);
        var chefs = targets.Select(t => t.Chef).DistinctBy(c => c.Name).ToList();
        var runs = new HostRunRecords(targets, host =>
            host.IsLocal ? new LocalExecutor(host) : new SshExecutor(host, fleet.Config.Ssh));
        return (chefs, runs, chef => targets.First(t => t.Chef.Name == chef.Name).Host.Role.Review);
    }

    // On the chef's host, called by the runner: the record is a local file, and the host's config need not
    // define the chef's role (then the config's top-level review: limits apply).
    private static (List<Chef>, IRunRecordStore, Func<Chef, ReviewRules>) OnThisHost(
        string record,
        TargetRequest request,
        Fleet fleet)
    {
        if (request.All || request.Chefs.Count != 1)
        {
            throw new SushOpsException("--run-record names the run of one chef; name exactly one chef with it.");
        }

        var name = request.Chefs[0];
        var chef = fleet.Inventory.Find(name) ?? throw new SushOpsException(ChefRules.CheckName(name) ??
            $"No chef \"{name}\" in {fleet.Inventory.Source}; the host's inventory must list the chefs it promotes.");
        var roles = fleet.Config.Roles;
        ReviewRules RulesOf(Chef c) => c.Role is { } role && roles.TryGetValue(role, out var found)
            ? found.Review
            : roles[RoleConfig.LocalName].Review;
        return ([chef], new RunRecordFile(Path.GetFullPath(record)), RulesOf);
    }

    private static void Print(Promotion promotion, bool dryRun)
    {
        var chef = promotion.Chef;
        Console.Out.WriteLine($"{chef.Name} (channel {chef.ChannelId ?? "-"}):");
        if (promotion.Diff is { } diff)
        {
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn(new TableColumn("field").NoWrap())
                .AddColumn(new TableColumn("live").NoWrap().RightAligned())
                .AddColumn(new TableColumn("staged").NoWrap().RightAligned())
                .AddColumn(new TableColumn("change").NoWrap().RightAligned());
            foreach (var stat in diff.Stats)
            {
                table.AddRow(Markup.Escape(stat.Field), Markup.Escape(stat.OriginalText),
                    Markup.Escape(stat.ChangedText), Markup.Escape(Change(stat)));
            }

            Tables.Value.Write(table);
        }

        foreach (var finding in promotion.Findings)
        {
            Console.Out.WriteLine($"  {(finding.Passed ? "pass" : "FAIL")}  {finding.Rule}: {finding.Detail}");
        }

        var prefix = dryRun ? "dry run: " : "";
        Console.Out.WriteLine($"{chef.Name}: {prefix}{promotion.Message}");
        Console.Out.Flush();
    }

    private static string Change(DiffStat stat)
    {
        if (stat is not { OriginalNumber: { } live, ChangedNumber: { } staged } || stat.Field == "date_created")
        {
            return stat.OriginalText == stat.ChangedText ? "" : "changed";
        }

        var difference = staged - live;
        if (difference == 0)
        {
            return "";
        }

        var sign = difference > 0 ? "+" : "";
        var text = sign + difference.ToString("#,0.##", CultureInfo.InvariantCulture);
        var percent = (difference / live * 100).ToString("0.#", CultureInfo.InvariantCulture);
        return live == 0 ? text : $"{text} ({sign}{percent}%)";
    }

    private static void PrintRecap(List<Promotion> promotions)
    {
        var counts = promotions.GroupBy(p => p.State).Select(g => $"{g.Key}={g.Count()}");
        Console.Out.WriteLine("recap: " + string.Join("  ", counts));
    }

    /// <summary>1 when a promotion failed, else 4 when one was held back, else 0.</summary>
    private static int ExitCodeOf(List<Promotion> promotions) =>
        promotions.Any(p => p.Result == PromotionResult.Failed) ? ExitCodes.Failed
        : promotions.Any(p => p.Result is PromotionResult.Held or PromotionResult.ReadyToDeploy) ? ExitCodes.Held
        : ExitCodes.Ok;
}
