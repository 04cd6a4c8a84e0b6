using System.CommandLine;
using SushOps.Configuration;

namespace SushOps.Cli.Commands;

/// <summary>How a verb connects to hosts and reports: shared by every verb that acts on hosts.</summary>
internal sealed class FleetOptions
{
    private readonly Option<int?> _parallel = new("--parallel", "-P")
    {
        Description = "Work on at most N hosts at once (default: all of them)",
        HelpName = "N",
    };

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print one JSON document with per-host, per-chef results instead of lines (for CI)",
    };

    private readonly Option<string?> _user = new("--user", "-u")
    {
        Description = "Log in as this user on every host",
        HelpName = "USER",
    };

    private readonly Option<string?> _identity = new("--identity")
    {
        Description = "Log in with this private key file (overrides ssh.identity_file)",
        HelpName = "FILE",
    };

    private readonly Option<bool> _acceptNew = new("--accept-new-host-keys")
    {
        Description = "Trust a host key known_hosts does not list yet and add it there; a changed key is still refused",
    };

    private readonly Option<int> _attempts = new("--connection-attempts")
    {
        Description = "Try to connect this many times, waiting 1, 2, 4… seconds in between",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
    };

    public FleetOptions()
    {
        _parallel.CustomParser = r =>
            NumberOption.Whole(r, "--parallel needs a number of hosts from 1 to 100000", 1, 100_000);
        _attempts.CustomParser = r =>
            NumberOption.Whole(r, "--connection-attempts needs a number from 1 to 20", 1, 20);
    }

    public void AddTo(Command command)
    {
        command.Add(_parallel);
        command.Add(_json);
        command.Add(_user);
        command.Add(_identity);
        command.Add(_acceptNew);
        command.Add(_attempts);
    }

    public int? Parallel(ParseResult result) => result.GetValue(_parallel);

    public bool Json(ParseResult result) => result.GetValue(_json);

    /// <summary>The config's SSH settings with the command line's overrides.</summary>
    public SshSettings Apply(SshSettings settings, ParseResult result) => settings with
    {
        IdentityFile = result.GetValue(_identity) is { } identity ? Path.GetFullPath(identity) : settings.IdentityFile,
        User = result.GetValue(_user) ?? settings.User,
        AcceptNewHostKeys = result.GetValue(_acceptNew),
        ConnectionAttempts = result.GetValue(_attempts),
    };
}
