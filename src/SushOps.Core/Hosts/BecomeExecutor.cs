using System.Text;
using Serilog;
using SushOps.Shell;
using SushOps.Targeting;

namespace SushOps.Hosts;

/// <summary>
/// Runs every script of another executor as the role's chef user, through <c>sudo -u CHEF -H</c>. The sudo
/// password travels on standard input, ahead of the script's own input, and never on a command line.
/// </summary>
/// <remarks>
/// Once connected, one <c>sudo true</c> checks that sudo lets the login user act as the chef user with this
/// password; a refusal makes the host unusable (exit code 3) with sudo's own words, before any work starts.
/// </remarks>
public sealed class BecomeExecutor(IHostExecutor inner, string user, Secret? password) : IHostExecutor
{
    /// <summary>The line that ends the password part of standard input.</summary>
    public const string InputMarker = "::sushops-input::";

    private static readonly ILogger Logger = Log.ForContext<BecomeExecutor>();

    /// <inheritdoc />
    public HostTarget Host => inner.Host;

    /// <summary>
    /// The shell command that runs <paramref name="script"/> as <paramref name="chefUser"/>: sudo reads the
    /// password from standard input (<c>-S</c>, no prompt, no cached credentials) and runs the become wrapper.
    /// </summary>
    public static string Command(string chefUser, string script) =>
        $"exec {SudoPrefix(chefUser)} -H /bin/sh -c {ShellQuote.Quote(HostScripts.Become)} sushops "
        + ShellQuote.Quote(script);

    /// <summary>
    /// Standard input for <see cref="Command"/>: the password line, the marker, then the script's own input.
    /// </summary>
    public static byte[] Frame(Secret? sudoPassword, ReadOnlySpan<byte> input)
    {
        var head = Encoding.UTF8.GetBytes($"{sudoPassword?.Reveal() ?? ""}\n{InputMarker}\n");
        return [.. head, .. input];
    }

    /// <inheritdoc />
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await inner.ConnectAsync(cancellationToken);
        var said = new List<string>();
        var input = Encoding.UTF8.GetBytes($"{password?.Reveal() ?? ""}\n");
        var code = await inner.ExecuteAsync(
            $"exec {SudoPrefix(user)} true", input, line => said.Add(line.Line), cancellationToken);
        if (code != 0)
        {
            var words = string.Join("; ", said.Where(line => line.Length > 0));
            var hint = password is null
                ? "set SUSHOPS_SUDO_PASSWORD or run sushops on a terminal to be asked"
                : "check SUSHOPS_SUDO_PASSWORD";
            throw new HostUnreachableException(
                $"{Host.Name}: sudo does not let the login user act as {user} (become: {user}): {words}; "
                + $"{hint}, and that the host's sudoers lets the login user run commands as {user}");
        }

        Logger.Debug("On {Host}, sudo lets the login user act as {User}", Host.Name, user);
    }

    /// <inheritdoc />
    public Task<int> ExecuteAsync(
        string script,
        ReadOnlyMemory<byte> input,
        Action<HostOutput> onOutput,
        CancellationToken cancellationToken) =>
        inner.ExecuteAsync(Command(user, script), Frame(password, input.Span), onOutput, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static string SudoPrefix(string chefUser) => $"sudo -k -S -p '' -u {ShellQuote.Quote(chefUser)}";
}
