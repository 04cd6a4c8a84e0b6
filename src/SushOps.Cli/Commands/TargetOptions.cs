using System.CommandLine;
using SushOps.Targeting;

namespace SushOps.Cli.Commands;

/// <summary>The options that pick chefs and hosts, shared by every verb that acts on hosts.</summary>
internal sealed class TargetOptions
{
    private readonly Argument<string[]> _chefs = new("chef")
    {
        Description = "Chefs to act on, by chef_name",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> _all = new("--all", "-a") { Description = "Act on every chef in the inventory" };

    private readonly Option<string[]> _roles = new("--role", "-R")
    {
        Description = "Act on the hosts of this role (repeatable); overrides the inventory's Role column",
        HelpName = "ROLE",
    };

    private readonly Option<string[]> _hosts = new("--host", "-H")
    {
        Description = "Act on this host, [user@]host[:port] or local (repeatable); overrides -R",
        HelpName = "HOST",
    };

    private readonly Option<bool> _dryRun = new("--dry-run", "-n")
    {
        Description = "Print what would be done on each host, with the exact script, and change nothing",
    };

    private readonly bool _withDryRun;

    /// <summary>How to connect and report.</summary>
    public FleetOptions Fleet { get; } = new();

    /// <param name="withDryRun">False for verbs that only read, which have nothing to dry-run.</param>
    public TargetOptions(bool withDryRun = true)
    {
        _withDryRun = withDryRun;
        // An unknown option would otherwise be taken for a chef name.
        _chefs.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"Unknown option {token.Value}.");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Add(_chefs);
        command.Add(_all);
        command.Add(_roles);
        command.Add(_hosts);
        if (_withDryRun)
        {
            command.Add(_dryRun);
        }

        Fleet.AddTo(command);
    }

    public TargetRequest Read(ParseResult result) => new(
        result.GetValue(_chefs) ?? [],
        result.GetValue(_all),
        result.GetValue(_roles) ?? [],
        result.GetValue(_hosts) ?? []);

    public bool IsDryRun(ParseResult result) => _withDryRun && result.GetValue(_dryRun);
}
