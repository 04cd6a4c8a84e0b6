using SushOps.Studio;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Studio;

/// <summary>The deploy account's credentials file: owner-only, email and password, never echoed.</summary>
public sealed class DeployAccountTests : IDisposable
{
    private readonly TempDirectory _dir = new("sushops-credentials");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_file_only_its_owner_can_read_gives_the_account()
    {
        var path = Write("email: deploy@example.org\npassword: \"s3cret: yes\"\n", 0b110_000_000);

        var account = DeployAccount.Load(path);

        Assert.Equal("deploy@example.org", account.Email);
        Assert.Equal("s3cret: yes", account.Password.Reveal());
        Assert.DoesNotContain("s3cret", account.ToString());
    }

    [Theory]
    [InlineData(0b110_100_100)]
    [InlineData(0b110_110_000)]
    [InlineData(0b110_000_100)]
    public void A_file_others_can_read_is_refused_with_the_chmod_that_fixes_it(int mode)
    {
        var path = Write("email: deploy@example.org\npassword: hunter2\n", mode);

        var message = Assert.Throws<SushOpsException>(() => DeployAccount.Load(path)).Message;

        Assert.Contains($"chmod 600 {path}", message);
        Assert.DoesNotContain("hunter2", message);
    }

    [Fact]
    public void A_file_without_a_password_is_refused()
    {
        var path = Write("email: deploy@example.org\n", 0b110_000_000);

        var message = Assert.Throws<SushOpsException>(() => DeployAccount.Load(path)).Message;

        Assert.Contains("needs both email: and password:", message);
    }

    [Fact]
    public void Broken_yaml_is_refused_without_quoting_the_file()
    {
        var path = Write("email: a@b\npassword: [hunter2\n", 0b110_000_000);

        var message = Assert.Throws<SushOpsException>(() => DeployAccount.Load(path)).Message;

        Assert.Contains("not valid YAML", message);
        Assert.DoesNotContain("hunter2", message);
    }

    private string Write(string text, int mode)
    {
        var path = _dir.Combine("deploy.yaml");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, (UnixFileMode)mode);
        return path;
    }
}
