using SushOps.Shell;
using SushOps.Tests.Infrastructure;

namespace SushOps.Tests.Shell;

public class ShellQuoteTests
{
    public static TheoryData<string> HostileValues =>
    [
        "",
        "plain",
        "with space",
        "it's",
        "'",
        "''",
        "\"double\"",
        "$(touch /tmp/sushops-pwned)",
        "`touch /tmp/sushops-pwned`",
        "${HOME}",
        "$HOME",
        "a; rm -rf /",
        "a && b || c",
        "a | b > c < d",
        "new\nline",
        "tab\tbed",
        "back\\slash",
        "glob * ? [a-z]",
        "~",
        "~root",
        "-n",
        "--upload-pack=touch /tmp/x",
        "!bang",
        "#comment",
        "unicode: café 日本 🍣",
        "'\"'\"'",
        "\\'",
        "%s %n",
    ];

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Quoted_value_reaches_the_program_as_one_unchanged_argument(string value)
    {
        var script = "printf '%s' " + ShellQuote.Quote(value);

        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", script]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(value, result.StandardOutput);
    }

    [Fact]
    public async Task Joined_values_stay_separate_arguments()
    {
        string[] values = ["a b", "it's", "$(x)", ""];
        var script = "for a in " + ShellQuote.Join(values) + "; do printf '<%s>' \"$a\"; done";

        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", script]);

        Assert.Equal("<a b><it's><$(x)><>", result.StandardOutput);
    }

    [Fact]
    public async Task Home_relative_path_expands_home_and_quotes_the_rest()
    {
        var script = "HOME=/home/chef; printf '%s' " + ShellQuote.Path("~/chefs dir/$(x)");

        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", script]);

        Assert.Equal("/home/chef/chefs dir/$(x)", result.StandardOutput);
    }

    [Fact]
    public async Task A_relative_path_is_relative_to_home_wherever_the_script_is()
    {
        var script = "HOME=/home/chef; cd /tmp; printf '%s' " + ShellQuote.Path("chefs/it's");

        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", script]);

        Assert.Equal("/home/chef/chefs/it's", result.StandardOutput);
    }

    [Fact]
    public void A_nul_character_cannot_be_quoted()
    {
        Assert.Throws<ArgumentException>(() => ShellQuote.Quote("a\0b"));
    }
}
