using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Serilog;
using SushOps.Configuration;

namespace SushOps.Hosts;

/// <summary>
/// Resolves host names the way OpenSSH's client does, by asking it: <c>ssh -G HOST</c> prints what the user's
/// ssh_config (<c>~/.ssh/config</c> and <c>/etc/ssh/ssh_config</c>, or <c>ssh.config_file</c>) gives that host, with
/// its Host and Match blocks applied: HostName, User, Port, IdentityFile, ProxyJump. What the command line or the
/// sushops config says comes first (see <see cref="ResolveAsync"/>). Each host is asked about once per command.
/// Where OpenSSH's client is not installed, a warning says so once and sushops' own settings are used alone.
/// </summary>
public sealed class OpenSshConfig
{
    private const int MaxJumpDepth = 8;
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);
    private static readonly ILogger Logger = Log.ForContext<OpenSshConfig>();

    private readonly SshSettings _settings;
    private readonly string? _program;
    private readonly ConcurrentDictionary<(string Host, string? User, int? Port), Lazy<Task<SshConfigOptions?>>>
        _answers = new();
    private readonly Lazy<Task<SshConfigOptions?>> _defaults;
    private int _warned;

    /// <summary>A resolver for one command, with the settings of that command.</summary>
    /// <param name="settings">The sushops config's SSH settings with the command line's overrides.</param>
    /// <param name="program">The ssh client to ask; by default <c>ssh</c> found on PATH.</param>
    public OpenSshConfig(SshSettings settings, string? program = null)
    {
        _settings = settings;
        var name = OperatingSystem.IsWindows() ? "ssh.exe" : "ssh";
        _program = settings.ConfigFile == SshSettings.NoConfigFile ? null : program ?? FindOnPath(name);

        // OpenSSH lists its default key files when ssh_config names none; those are told apart by asking with
        // an empty config.
        var empty = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
        _defaults = new(() => AskAsync("localhost", null, null, empty, CancellationToken.None));
    }

    /// <summary>
    /// The route to <paramref name="address"/>. User: <c>-u</c>, else the address's <c>user@</c>, else ssh_config's
    /// User, else the local user. Port: the address's <c>:port</c>, else ssh_config's Port, else 22. Keys:
    /// <c>--identity</c>, else <c>ssh.identity_file</c>, else ssh_config's IdentityFile (those that exist), else the
    /// usual ~/.ssh keys. Host name and jump hosts come from ssh_config alone. Jump hosts take their user and port
    /// from the ProxyJump entry, else from their own ssh_config settings (never from <c>-u</c>), and the same keys.
    /// </summary>
    public async Task<SshRoute> ResolveAsync(HostAddress address, CancellationToken cancellationToken)
    {
        var user = _settings.User ?? address.User;
        var options = await LookUpAsync(address.Host, user, address.Port, cancellationToken);
        var target = await EndpointAsync(address.Host, user, address.Port, options, cancellationToken);
        if (options?.First("proxycommand") is { } command && options.First("proxyjump") is null)
        {
            throw new HostUnreachableException(
                $"{address}: ssh_config gives it ProxyCommand {command}, which sushops cannot run; "
                + "use ProxyJump for jump hosts")
            { MayPass = false };
        }

        var jumps = await JumpsAsync(address, options?.First("proxyjump"), 0, cancellationToken);
        if (jumps.Count > 0 || options is not null)
        {
            Logger.Debug("{Host} resolves to {Target} through {Jumps}", address, target,
                jumps.Count == 0 ? "no jump host" : string.Join(", ", jumps));
        }

        return new SshRoute(jumps, target);
    }

    private async Task<List<SshEndpoint>> JumpsAsync(
        HostAddress origin, string? proxyJump, int depth, CancellationToken cancellationToken)
    {
        if (proxyJump is null or "none")
        {
            return [];
        }

        if (depth == MaxJumpDepth)
        {
            throw new HostUnreachableException(
                $"{origin}: ProxyJump leads through more than {MaxJumpDepth} jump hosts; do its entries loop?")
            { MayPass = false };
        }

        var hops = new List<SshEndpoint>();
        var specs = proxyJump.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = HostAddress.TryParse(specs[i], out var error) ?? throw new HostUnreachableException(
                $"{origin}: ssh_config's ProxyJump {proxyJump} is not usable: {error}")
            { MayPass = false };
            var options = await LookUpAsync(spec.Host, spec.User, spec.Port, cancellationToken);

            // As with OpenSSH, only the first jump host's own ProxyJump applies; the later ones are reached
            // through the hops before them.
            if (i == 0)
            {
                hops.AddRange(await JumpsAsync(spec, options?.First("proxyjump"), depth + 1, cancellationToken));
            }

            hops.Add(await EndpointAsync(spec.Host, spec.User, spec.Port, options, cancellationToken));
        }

        return hops;
    }

    private async Task<SshEndpoint> EndpointAsync(
        string name, string? user, int? port, SshConfigOptions? options, CancellationToken cancellationToken)
    {
        var hostName = options?.First("hostname") ?? name;
        var login = user ?? options?.First("user") ?? Environment.UserName;
        var sshPort = port ?? (int.TryParse(options?.First("port"), out var configured) ? configured : 22);
        IReadOnlyList<string>? keys = _settings.IdentityFile is { } identity ? [identity] : null;
        if (keys is null && options is not null)
        {
            var defaults = await _defaults.Value;
            var listed = options.All("identityfile");
            if (defaults is null || !listed.SequenceEqual(defaults.All("identityfile")))
            {
                var files = listed.Select(f => ExpandTokens(f, name, hostName, login, sshPort)).Where(File.Exists);
                keys = files.ToList() is { Count: > 0 } existing ? existing : null;
            }
        }

        return new SshEndpoint(name, hostName, sshPort, login, keys);
    }

    private Task<SshConfigOptions?> LookUpAsync(
        string host, string? user, int? port, CancellationToken cancellationToken)
    {
        if (_program is null)
        {
            if (_settings.ConfigFile != SshSettings.NoConfigFile && Interlocked.Exchange(ref _warned, 1) == 0)
            {
                Logger.Warning(
                    "OpenSSH's ssh client is not installed here, so ssh_config ({ConfigFile}) is not read: host "
                    + "names, users, ports and keys come from the sushops config alone. Install openssh-client to "
                    + "use it, or set ssh.config_file: none",
                    _settings.ConfigFile ?? "~/.ssh/config");
            }

            return Task.FromResult<SshConfigOptions?>(null);
        }

        var answer = _answers.GetOrAdd((host, user, port), key => new Lazy<Task<SshConfigOptions?>>(
            () => AskAsync(key.Host, key.User, key.Port, _settings.ConfigFile, CancellationToken.None)));
        return answer.Value.WaitAsync(cancellationToken);
    }

    private async Task<SshConfigOptions?> AskAsync(
        string host, string? user, int? port, string? configFile, CancellationToken ct)
    {
        var start = new ProcessStartInfo(_program!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-G", .. configFile is null ? [] : new[] { "-F", configFile },
            .. user is null ? [] : new[] { "-l", user },
            .. port is null ? [] : new[] { "-p", port.Value.ToString(CultureInfo.InvariantCulture) },
            "--", host,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        try
        {
            // A Match exec line in ssh_config runs a command, which may hang.
            await process.WaitForExitAsync(ct).WaitAsync(AnswerTimeout, ct);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new HostUnreachableException(
                $"{host}: ssh -G did not answer within {AnswerTimeout.TotalSeconds} s; does a Match exec line in "
                + "ssh_config hang?")
            { MayPass = false };
        }

        if (process.ExitCode != 0)
        {
            var why = string.Join("; ", (await errors).Split('\n', StringSplitOptions.TrimEntries)
                .Where(line => line.Length > 0 && !line.StartsWith("Pseudo-terminal", StringComparison.Ordinal)));
            throw new HostUnreachableException(
                $"{host}: OpenSSH could not read its client config (ssh -G said: {why}); fix it, or name another "
                + "file in ssh.config_file, or set ssh.config_file: none")
            { MayPass = false };
        }

        return SshConfigOptions.Parse(await output);
    }

    // The tokens ssh_config allows in IdentityFile that make sense here; others are left as they are.
    private static string ExpandTokens(string path, string alias, string hostName, string user, int port)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = home + path[1..];
        }

        var text = new System.Text.StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] != '%' || i + 1 == path.Length)
            {
                text.Append(path[i]);
                continue;
            }

            i++;
            text.Append(path[i] switch
            {
                '%' => "%",
                'd' => home,
                'u' => Environment.UserName,
                'h' => hostName,
                'n' => alias,
                'r' => user,
                'p' => port.ToString(CultureInfo.InvariantCulture),
                _ => "%" + path[i],
            });
        }

        return text.ToString();
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, program))
        .FirstOrDefault(File.Exists);
}
