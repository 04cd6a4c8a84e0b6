using SushOps.Cli.Commands;

namespace SushOps.Tests.Cli;

public sealed class PsMaskTests
{
    [Theory]
    [InlineData("python sushichef.py --token=/srv/chefs/.sushops/studio-token lang=en",
        "python sushichef.py --token=*** lang=en")]
    [InlineData("python sushichef.py --token 9f8e7d6c5b4a", "python sushichef.py --token ***")]
    [InlineData("env CONTENT_CURATION_TOKEN=9f8e7d6c5b4a python chef.py",
        "env CONTENT_CURATION_TOKEN=*** python chef.py")]
    [InlineData("python chef.py --reset", "python chef.py --reset")]
    public void Token_values_on_a_command_line_are_masked(string commandLine, string expected)
    {
        Assert.Equal(expected, PsCommand.Mask(commandLine, []));
    }

    [Fact]
    public void The_studio_token_itself_is_masked_wherever_it_appears()
    {
        var masked = PsCommand.Mask("curl -H Authorization:tok-51a2 https://studio", [new Secret("tok-51a2")]);

        Assert.Equal("curl -H Authorization:*** https://studio", masked);
    }
}
