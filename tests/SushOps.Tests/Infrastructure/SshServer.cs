using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;

namespace SushOps.Tests.Infrastructure;

/// <summary>
/// A real OpenSSH server on a free loopback port, with its own host key, config, authorized client key and log,
/// that lets the non-root user <see cref="TestUser"/> log in. Tests share one through the collection fixture
/// <see cref="SshServerCollection"/>, and start their own only to stop it.
/// </summary>
/// <remarks>
/// The login user is not root because sshd does not deliver signals to root's remote commands ("session signalling
/// requires privilege separation") and leaves their processes behind. Needs root on Linux: it may install OpenSSH
/// with apt-get, creates the user once per process and runs <c>su</c>.
/// Stopping kills sshd and every process under it, but a process the user detached from its session (nohup or
/// setsid, then logged out) is no longer under sshd and keeps running; tests that start such processes end them.
/// </remarks>
public sealed class SshServer : IAsyncDisposable
{
    /// <summary>The user the server logs in; created on first use and kept between runs.</summary>
    public const string TestUser = "sushops-test";

    private const string Sshd = "/usr/sbin/sshd";
    private const int StartAttempts = 3;
    private const UnixFileMode ReachableByAll =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly SemaphoreSlim _machineLock = new(1, 1);
    private static string? _userHome;

    private readonly Process _sshd;
    private readonly List<string> _userDirectories = [];
    private bool _disposed;

    private SshServer(
        string directory, NetworkPlace place, int port, string userHome, string hostPublicKeyLine, Process sshd)
    {
        Directory = directory;
        Host = place.Address;
        Namespace = place.Namespace;
        Port = port;
        UserHome = userHome;
        HostPublicKeyLine = hostPublicKeyLine;
        _sshd = sshd;
    }

    /// <summary>Address sshd listens on: 127.0.0.1, or its address in its network namespace.</summary>
    public string Host { get; }

    /// <summary>The network namespace sshd runs in, or null for this machine's own network.</summary>
    public string? Namespace { get; }

    /// <summary>Port sshd listens on.</summary>
    public int Port { get; }

    /// <summary>The login user, <see cref="TestUser"/>.</summary>
    public string User => TestUser;

    /// <summary>The login user's home directory.</summary>
    public string UserHome { get; }

    /// <summary>The temporary directory holding this server's keys, config, pid file and log.</summary>
    public string Directory { get; }

    /// <summary>Private ed25519 key (no passphrase, readable by root only) that the server accepts.</summary>
    public string ClientKeyPath => Path.Combine(Directory, "client_ed25519");

    /// <summary>
    /// A known_hosts file with the one line <c>[127.0.0.1]:PORT ssh-ed25519 AAAA…</c>
    /// (<c>ADDRESS ssh-ed25519 …</c> on port 22 in a namespace).
    /// </summary>
    public string KnownHostsPath => Path.Combine(Directory, "known_hosts");

    /// <summary>
    /// A sushops config whose role <c>ck</c> is this server, logging in with the client key and checking the host
    /// key against a <c>known_hosts</c> copy beside the config; <paramref name="more"/> is added at the top level.
    /// </summary>
    public string ConfigWithRole(string chefsDir, string more = "") => $"""
        roles:
          ck:
            hosts: ["{User}@{Host}:{Port}"]
            chefs_dir: {chefsDir}
        ssh:
          identity_file: {ClientKeyPath}
          known_hosts: known_hosts

        """ + more;

    /// <summary>The server's public host key as <c>ssh-ed25519 AAAA…</c>, without host or comment.</summary>
    public string HostPublicKeyLine { get; }

    /// <summary>sshd's own log (LogLevel VERBOSE), the first place to look when a login fails.</summary>
    public string LogPath => Path.Combine(Directory, "sshd.log");

    /// <summary>Why the server cannot run on this machine, or null when it can.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the sshd test fixture runs on Linux only";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return $"the sshd test fixture needs root to create the {TestUser} user and run sshd; "
                + "run the tests as root";
        }

        return File.Exists(Sshd) || File.Exists("/usr/bin/apt-get")
            ? null
            : $"{Sshd} is missing and there is no apt-get to install openssh-server";
    }

    /// <summary>Skips the calling test when the server cannot run here, or fails it when <c>CI=true</c>.</summary>
    public static void SkipUnlessAvailable() => TestRequirement.Require(WhyUnavailable());

    /// <summary>Prepares the machine if needed and starts a fresh sshd; returns once it sends its banner.</summary>
    public static Task<SshServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(NetworkPlace.Loopback, cancellationToken);

    /// <summary>
    /// The same in a network namespace that exists already: sshd listens on port 22 of every address there, and
    /// <paramref name="address"/> is the one clients use.
    /// </summary>
    public static Task<SshServer> StartInNamespaceAsync(
        string networkNamespace, string address, CancellationToken cancellationToken = default) =>
        StartAsync(new NetworkPlace(networkNamespace, address), cancellationToken);

    private static async Task<SshServer> StartAsync(NetworkPlace place, CancellationToken cancellationToken)
    {
        // The platform test repeats WhyUnavailable's so that the analyzer sees the Unix-only calls are guarded.
        var whyUnavailable = WhyUnavailable();
        if (whyUnavailable is not null || !OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException(whyUnavailable);
        }

        var userHome = await PrepareMachineAsync(cancellationToken);
        var directory = System.IO.Directory.CreateTempSubdirectory("sushops-sshd-").FullName;
        try
        {
            return await StartInAsync(directory, place, userHome, cancellationToken);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Kills sshd and every session under it, so the host looks down: connections are refused.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_sshd.HasExited)
        {
            _sshd.Kill(entireProcessTree: true);
        }

        await _sshd.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Runs a shell command locally as <see cref="TestUser"/> in its home, to see the remote side.</summary>
    public Task<ProcessResult> RunAsUserAsync(string shellCommand, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync(
            "su", ["-s", "/bin/sh", TestUser, "-c", shellCommand], null, UserHome, cancellationToken);

    /// <summary>
    /// Creates <c>UserHome/&lt;name&gt;-&lt;random&gt;</c> owned by <see cref="TestUser"/> (mode 0755) and deletes it
    /// when the server is disposed. Chefs go there because the user can write there; files root puts there are
    /// readable by the user, but see <see cref="GiveToUserAsync"/> for git repositories.
    /// </summary>
    public async Task<string> MakeUserDirectoryAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(UserHome, $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
        System.IO.Directory.CreateDirectory(path);
        _userDirectories.Add(path);
        await ProcessRunner.RunCheckedAsync("chown", [$"{TestUser}:", path], null, cancellationToken);
        return path;
    }

    /// <summary>
    /// Makes <see cref="TestUser"/> the owner of everything under <paramref name="path"/>. Git refuses to read a
    /// repository that another user owns ("detected dubious ownership"), even one it may read, so a repository
    /// root builds for the user to clone must be given to the user. Root's own git commands in it then need
    /// <c>-c safe.directory=*</c>.
    /// </summary>
    public Task GiveToUserAsync(string path, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunCheckedAsync("chown", ["-R", $"{TestUser}:", path], null, cancellationToken);

    /// <summary>Stops sshd and deletes its directory and the user directories made through it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await DisposeProcessAsync();
        foreach (var path in _userDirectories.Append(Directory).Where(System.IO.Directory.Exists))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
    }

    private async Task DisposeProcessAsync()
    {
        await StopAsync();
        _sshd.Dispose();
        _disposed = true;
    }

    [SupportedOSPlatform("linux")]
    private static async Task<SshServer> StartInAsync(
        string directory, NetworkPlace place, string userHome, CancellationToken token)
    {
        // sshd reads authorized_keys as the login user, so the user must be able to reach into the directory.
        File.SetUnixFileMode(directory, ReachableByAll);
        var hostKey = await SshKeygen.GenerateAsync(directory, "ssh_host_ed25519_key", "ed25519", token);
        var clientKey = await SshKeygen.GenerateAsync(directory, "client_ed25519", "ed25519", token);
        var authorizedKeys = Path.Combine(directory, "authorized_keys");
        await File.WriteAllTextAsync(authorizedKeys, clientKey.PublicKeyText + "\n", token);

        // A free port can be taken by someone else before sshd binds it; then sshd exits and another is tried.
        for (var attempt = 1; ; attempt++)
        {
            var port = place.Namespace is null ? FreeLoopbackPort() : 22;
            await WriteConfigAsync(directory, place, port, hostKey, token);
            string[] sshdCommand =
                [Sshd, "-D", "-f", Path.Combine(directory, "sshd_config"), "-E", Path.Combine(directory, "sshd.log")];
            var sshd = place.Namespace is { } name
                ? ProcessRunner.Start("ip", ["netns", "exec", name, .. sshdCommand])
                : ProcessRunner.Start(Sshd, sshdCommand[1..]);
            var server = new SshServer(directory, place, port, userHome, hostKey.PublicKeyText, sshd);
            var failure = await WaitForBannerOrStopAsync(server, token);
            if (failure is null)
            {
                return server;
            }

            if (attempt == StartAttempts)
            {
                var log = File.Exists(server.LogPath) ? await File.ReadAllTextAsync(server.LogPath, token) : "";
                throw new InvalidOperationException($"sshd on port {port} did not start: {failure}\nsshd log:\n{log}");
            }
        }
    }

    /// <summary>Returns null once sshd answers; otherwise stops it and returns why it did not answer.</summary>
    private static async Task<string?> WaitForBannerOrStopAsync(SshServer server, CancellationToken token)
    {
        var answered = false;
        try
        {
            var failure = await WaitForBannerAsync(server, token);
            answered = failure is null;
            return failure;
        }
        finally
        {
            if (!answered)
            {
                await server.DisposeProcessAsync();
            }
        }
    }

    private static async Task WriteConfigAsync(
        string directory, NetworkPlace place, int port, GeneratedKey hostKey, CancellationToken token)
    {
        var name = port == 22
            ? place.Address
            : string.Create(CultureInfo.InvariantCulture, $"[{place.Address}]:{port}");
        await File.WriteAllTextAsync(
            Path.Combine(directory, "known_hosts"), $"{name} {hostKey.PublicKeyText}\n", token);

        // In its own namespace sshd also listens on that namespace's loopback, so a host behind it can be checked.
        var config = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Port {port}")
            .AppendLine(place.Namespace is null ? "ListenAddress 127.0.0.1" : "ListenAddress 0.0.0.0")
            .AppendLine(CultureInfo.InvariantCulture, $"HostKey \"{hostKey.PrivateKeyPath}\"")
            .AppendLine(CultureInfo.InvariantCulture, $"PidFile \"{directory}/sshd.pid\"")
            .AppendLine(CultureInfo.InvariantCulture, $"AuthorizedKeysFile \"{directory}/authorized_keys\"")
            .AppendLine(CultureInfo.InvariantCulture, $"AllowUsers {TestUser}")
            .AppendLine("UsePAM no")
            .AppendLine("StrictModes no")
            .AppendLine("PasswordAuthentication no")
            .AppendLine("KbdInteractiveAuthentication no")
            .AppendLine("Subsystem sftp internal-sftp")
            .AppendLine("MaxStartups 50")
            .AppendLine("LogLevel VERBOSE")
            .ToString();
        await File.WriteAllTextAsync(Path.Combine(directory, "sshd_config"), config, token);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until sshd sends its banner; returns why it did not, or null when it did.</summary>
    private static async Task<string?> WaitForBannerAsync(SshServer server, CancellationToken token)
    {
        var deadline = Stopwatch.StartNew();
        var lastError = "no connection attempted";
        while (deadline.Elapsed < StartTimeout)
        {
            if (server._sshd.HasExited)
            {
                return $"sshd exited with code {server._sshd.ExitCode}";
            }

            if (server.Namespace is { } name)
            {
                // This machine may not reach an address inside the namespace; ask from inside it.
                var scan = await ProcessRunner.RunAsync(
                    "ip", ["netns", "exec", name, "ssh-keyscan", "-T", "2", "127.0.0.1"], null, null, token);
                if (scan.ExitCode == 0 && scan.StandardOutput.Contains("ssh-", StringComparison.Ordinal))
                {
                    return null;
                }

                lastError = scan.Output;
                await Task.Delay(50, token);
                continue;
            }

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                using var client = new TcpClient();
                await client.ConnectAsync(server.Host, server.Port, attempt.Token);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                var banner = await reader.ReadLineAsync(attempt.Token);
                if (banner?.StartsWith("SSH-2.0-", StringComparison.Ordinal) == true)
                {
                    return null;
                }

                lastError = $"unexpected banner \"{banner}\"";
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                token.ThrowIfCancellationRequested();
                lastError = e.Message;
            }

            await Task.Delay(50, token);
        }

        return $"no SSH-2.0 banner within {StartTimeout.TotalSeconds} s (last: {lastError})";
    }

    private static async Task<string> PrepareMachineAsync(CancellationToken token)
    {
        await _machineLock.WaitAsync(token);
        try
        {
            if (_userHome is null)
            {
                await InstallOpenSshIfMissingAsync(token);
                System.IO.Directory.CreateDirectory("/run/sshd");
                _userHome = await EnsureTestUserAsync(token);
            }

            return _userHome;
        }
        finally
        {
            _machineLock.Release();
        }
    }

    private static async Task InstallOpenSshIfMissingAsync(CancellationToken token)
    {
        if (new[] { Sshd, "/usr/bin/ssh", "/usr/bin/ssh-keygen" }.All(File.Exists))
        {
            return;
        }

        string[] install =
        [
            "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "--no-install-recommends",
            "openssh-server", "openssh-client",
        ];

        // A fresh image has no package lists; only then is the slow update worth it.
        if ((await ProcessRunner.RunAsync("env", install, null, null, token)).ExitCode != 0)
        {
            await ProcessRunner.RunCheckedAsync("apt-get", ["update", "-qq"], null, token);
            await ProcessRunner.RunCheckedAsync("env", install, null, token);
        }
    }

    /// <summary>Creates the test user if it is not there yet and returns its home directory.</summary>
    private static async Task<string> EnsureTestUserAsync(CancellationToken token)
    {
        if (!await TestUserExistsAsync(token))
        {
            var added = await ProcessRunner.RunAsync("useradd", ["-m", "-s", "/bin/sh", TestUser], null, null, token);

            // Another test process may have created it at the same moment; that is as good.
            if (added.ExitCode != 0 && !await TestUserExistsAsync(token))
            {
                throw new InvalidOperationException($"useradd {TestUser} failed with {added.Output}");
            }
        }

        // useradd leaves the account locked ("!"), which sshd refuses when it does not use PAM; "*" is unlocked
        // yet still has no password.
        await ProcessRunner.RunCheckedAsync("usermod", ["-p", "*", TestUser], null, token);

        var entry = await ProcessRunner.RunCheckedAsync("getent", ["passwd", TestUser], null, token);
        var home = entry.StandardOutput.Trim().Split(':')[5];
        if (!System.IO.Directory.Exists(home))
        {
            System.IO.Directory.CreateDirectory(home);
            await ProcessRunner.RunCheckedAsync("chown", [$"{TestUser}:", home], null, token);
        }

        return home;
    }

    private static async Task<bool> TestUserExistsAsync(CancellationToken token) =>
        (await ProcessRunner.RunAsync("id", ["-u", TestUser], null, null, token)).ExitCode == 0;
}
