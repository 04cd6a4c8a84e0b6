using SushOps.Hosts;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Hosts;

public sealed class KnownHostsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sushops-known-hosts-");
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Real_ed25519_key_is_known_for_its_host()
    {
        var key = await NewKeyAsync("vader");
        var knownHosts = KnownHosts.Parse($"vader.example.org {key.PublicKeyText} chef@studio\n");

        Assert.Equal(HostKeyVerdict.Known, knownHosts.Check("vader.example.org", 22, key.Type, key.Blob));
    }

    [Fact]
    public async Task Hashed_entry_matches_its_host()
    {
        var key = await NewKeyAsync("vader");
        var path = await HashedKnownHostsAsync($"vader.example.org {key.PublicKeyText}\n");
        var knownHosts = KnownHosts.Load(path);

        Assert.Equal(HostKeyVerdict.Known, knownHosts.Check("vader.example.org", 22, key.Type, key.Blob));
        Assert.Equal(HostKeyVerdict.Unknown, knownHosts.Check("yoda.example.org", 22, key.Type, key.Blob));
    }

    [Fact]
    public async Task Hashed_entry_with_port_matches_only_that_port()
    {
        var key = await NewKeyAsync("vader");
        var path = await HashedKnownHostsAsync($"[vader.example.org]:2222 {key.PublicKeyText}\n");
        var knownHosts = KnownHosts.Load(path);

        Assert.Equal(HostKeyVerdict.Known, knownHosts.Check("vader.example.org", 2222, key.Type, key.Blob));
        Assert.Equal(HostKeyVerdict.Unknown, knownHosts.Check("vader.example.org", 22, key.Type, key.Blob));
        Assert.Equal(HostKeyVerdict.Unknown, knownHosts.Check("vader.example.org", 2223, key.Type, key.Blob));
    }

    [Fact]
    public async Task Plain_host_pattern_means_port_22_only()
    {
        var key = await NewKeyAsync("vader");
        var knownHosts = KnownHosts.Parse($"vader.example.org {key.PublicKeyText}\n");

        Assert.Equal(HostKeyVerdict.Unknown, knownHosts.Check("vader.example.org", 2222, key.Type, key.Blob));
    }

    [Fact]
    public async Task Host_names_match_regardless_of_case()
    {
        var key = await NewKeyAsync("vader");
        var knownHosts = KnownHosts.Parse($"Vader.Example.org {key.PublicKeyText}\n");

        Assert.Equal(HostKeyVerdict.Known, knownHosts.Check("VADER.example.ORG", 22, key.Type, key.Blob));
    }

    [Theory]
    [InlineData("*.example.org", "vader.example.org", 22, HostKeyVerdict.Known)]
    [InlineData("*.example.org", "example.org", 22, HostKeyVerdict.Unknown)]
    [InlineData("chef?.example.org", "chef7.example.org", 22, HostKeyVerdict.Known)]
    [InlineData("chef?.example.org", "chef12.example.org", 22, HostKeyVerdict.Unknown)]
    [InlineData("yoda,vader", "vader", 22, HostKeyVerdict.Known)]
    [InlineData("[*.example.org]:2222", "vader.example.org", 2222, HostKeyVerdict.Known)]
    [InlineData("[*.example.org]:2222", "vader.example.org", 22, HostKeyVerdict.Unknown)]
    [InlineData("10.0.0.*", "10.0.0.7", 22, HostKeyVerdict.Known)]
    public async Task Wildcard_patterns_match_like_openssh(
        string patterns, string host, int port, HostKeyVerdict expected)
    {
        var key = await NewKeyAsync("studio");
        var knownHosts = KnownHosts.Parse($"{patterns} {key.PublicKeyText}\n");

        Assert.Equal(expected, knownHosts.Check(host, port, key.Type, key.Blob));
    }

    [Fact]
    public async Task Negated_pattern_vetoes_a_host_that_another_pattern_matches()
    {
        var key = await NewKeyAsync("studio");
        var knownHosts = KnownHosts.Parse($"*.example.org,!vader.example.org {key.PublicKeyText}\n");

        Assert.Equal(HostKeyVerdict.Unknown, knownHosts.Check("vader.example.org", 22, key.Type, key.Blob));
        Assert.Equal(HostKeyVerdict.Known, knownHosts.Check("yoda.example.org", 22, key.Type, key.Blob));
    }

    [Fact]
    public async Task Different_key_for_a_known_host_is_changed()
    {
        var known = await NewKeyAsync("old");
        var presented = await NewKeyAsync("new");
        var knownHosts = KnownHosts.Parse($"vader {known.PublicKeyText}\n");

        Assert.Equal(HostKeyVerdict.Changed, knownHosts.Check("vader", 22, presented.Type, presented.Blob));
    }

    [Fact]
    public async Task Key_of_a_type_not_known_for_the_host_is_changed()
    {
        var known = await NewKeyAsync("ed25519");
        var presented = await NewKeyAsync("ecdsa", "ecdsa");
        var knownHosts = KnownHosts.Parse($"vader {known.PublicKeyText}\n");

        Assert.Equal(HostKeyVerdict.Changed, knownHosts.Check("vader", 22, presented.Type, presented.Blob));
    }

    [Fact]
    public async Task Revoked_key_is_refused_even_when_also_listed_as_known()
    {
        var key = await NewKeyAsync("stolen");
        var knownHosts = KnownHosts.Parse($"vader {key.PublicKeyText}\n@revoked * {key.PublicKeyText}\n");

        Assert.Equal(HostKeyVerdict.Revoked, knownHosts.Check("vader", 22, key.Type, key.Blob));
    }

    [Fact]
    public async Task Revoked_line_alone_does_not_make_a_host_known()
    {
        var revoked = await NewKeyAsync("stolen");
        var presented = await NewKeyAsync("fresh");
        var knownHosts = KnownHosts.Parse($"@revoked vader {revoked.PublicKeyText}\n");

        Assert.Equal(HostKeyVerdict.Unknown, knownHosts.Check("vader", 22, presented.Type, presented.Blob));
        Assert.Empty(knownHosts.KeyTypesFor("vader", 22));
    }

    [Fact]
    public async Task Cert_authority_lines_are_ignored()
    {
        var key = await NewKeyAsync("ca");
        var knownHosts = KnownHosts.Parse($"@cert-authority *.example.org {key.PublicKeyText}\n");

        Assert.Equal(HostKeyVerdict.Unknown, knownHosts.Check("vader.example.org", 22, key.Type, key.Blob));
    }

    [Fact]
    public async Task Comments_blank_and_malformed_lines_are_skipped()
    {
        var key = await NewKeyAsync("vader");
        var text = string.Join(
            "\r\n",
            "# the studio's hosts",
            "",
            "   ",
            "vader",
            "vader ssh-ed25519",
            "vader ssh-ed25519 not-base64!",
            $"vader ssh-rsa {key.Base64}",
            $"|1|bm90IGEgc2FsdA==|bm90IGEgaGFzaA== {key.PublicKeyText}",
            $"@unknown-marker yoda {key.PublicKeyText}",
            $"\tvader {key.PublicKeyText} chef key");
        var knownHosts = KnownHosts.Parse(text);

        Assert.Equal(HostKeyVerdict.Known, knownHosts.Check("vader", 22, key.Type, key.Blob));
        Assert.Equal(["ssh-ed25519"], knownHosts.KeyTypesFor("vader", 22));
        Assert.Equal(HostKeyVerdict.Unknown, knownHosts.Check("yoda", 22, key.Type, key.Blob));
    }

    [Fact]
    public async Task Missing_file_knows_no_hosts()
    {
        var key = await NewKeyAsync("vader");
        var knownHosts = KnownHosts.Load(Path.Combine(_directory.FullName, "no-such-dir", "known_hosts"));

        Assert.Equal(HostKeyVerdict.Unknown, knownHosts.Check("vader", 22, key.Type, key.Blob));
    }

    [Fact]
    public async Task Rsa_signature_algorithm_names_check_against_the_ssh_rsa_key()
    {
        var key = await NewKeyAsync("rsa", "rsa");
        var knownHosts = KnownHosts.Parse($"vader {key.PublicKeyText}\n");

        Assert.Equal("ssh-rsa", key.Type);
        Assert.Equal(HostKeyVerdict.Known, knownHosts.Check("vader", 22, "rsa-sha2-512", key.Blob));
        Assert.Equal(HostKeyVerdict.Known, knownHosts.Check("vader", 22, "rsa-sha2-256", key.Blob));
    }

    [Fact]
    public async Task Key_types_for_a_host_come_in_file_order_without_repeats()
    {
        var ed25519 = await NewKeyAsync("ed25519");
        var ecdsa = await NewKeyAsync("ecdsa", "ecdsa");
        var other = await NewKeyAsync("other");
        var knownHosts = KnownHosts.Parse(string.Join(
            "\n",
            $"[vader]:2222 {ecdsa.PublicKeyText}",
            $"yoda {other.PublicKeyText}",
            $"*.example.org,[vader]:2222 {ed25519.PublicKeyText}",
            $"[vader]:2222 {other.PublicKeyText}",
            $"[vader]:2222 {ecdsa.PublicKeyText}"));

        Assert.Equal(["ecdsa-sha2-nistp256", "ssh-ed25519"], knownHosts.KeyTypesFor("vader", 2222));
        Assert.Empty(knownHosts.KeyTypesFor("vader", 22));
    }

    private async Task<GeneratedKey> NewKeyAsync(string name, string type = "ed25519")
    {
        TestRequirement.Require(SshKeygen.WhyUnavailable());
        return await SshKeygen.GenerateAsync(_directory.FullName, name, type, _cancellationToken);
    }

    private async Task<string> HashedKnownHostsAsync(string plainText)
    {
        var path = Path.Combine(_directory.FullName, "known_hosts");
        await File.WriteAllTextAsync(path, plainText, _cancellationToken);
        await SshKeygen.HashKnownHostsAsync(path, _cancellationToken);

        var hashed = await File.ReadAllTextAsync(path, _cancellationToken);
        Assert.StartsWith("|1|", hashed, StringComparison.Ordinal);
        Assert.DoesNotContain("vader", hashed, StringComparison.Ordinal);
        return path;
    }
}
