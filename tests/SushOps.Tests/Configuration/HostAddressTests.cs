using SushOps.Configuration;

namespace SushOps.Tests.Configuration;

public class HostAddressTests
{
    private static HostAddress Parses(string text)
    {
        var address = HostAddress.TryParse(text, out var error);
        Assert.Null(error);
        return Assert.IsType<HostAddress>(address);
    }

    private static string Refuses(string text)
    {
        Assert.Null(HostAddress.TryParse(text, out var error));
        return Assert.IsType<string>(error);
    }

    [Theory]
    [InlineData("ck1.example.org", "ck1.example.org", null, null)]
    [InlineData("vader", "vader", null, null)]
    [InlineData("chef@vader.example.org", "vader.example.org", "chef", null)]
    [InlineData("vader.example.org:2222", "vader.example.org", null, 2222)]
    [InlineData("chef@vader.example.org:1", "vader.example.org", "chef", 1)]
    [InlineData("sushi_chef.bot-1@10.0.0.7:65535", "10.0.0.7", "sushi_chef.bot-1", 65535)]
    [InlineData("[::1]", "::1", null, null)]
    [InlineData("[::1]:2222", "::1", null, 2222)]
    [InlineData("chef@[2001:db8::7]:22", "2001:db8::7", "chef", 22)]
    [InlineData("[::ffff:192.0.2.1]", "::ffff:192.0.2.1", null, null)]
    public void An_address_is_split_into_user_host_and_port(string text, string host, string? user, int? port)
    {
        Assert.Equal(new HostAddress(host, user, port), Parses(text));
    }

    [Theory]
    [InlineData("ck1.example.org")]
    [InlineData("chef@vader.example.org:2222")]
    [InlineData("[::1]:2222")]
    [InlineData("chef@[2001:db8::7]")]
    [InlineData("[fe80::1]")]
    public void An_address_prints_as_it_was_written(string text)
    {
        Assert.Equal(text, Parses(text).ToString());
    }

    [Fact]
    public void An_ipv6_host_made_in_code_prints_in_brackets()
    {
        Assert.Equal("root@[2001:db8::7]:2200", new HostAddress("2001:db8::7", "root", 2200).ToString());
    }

    [Theory]
    [InlineData("vader:0", 0)]
    [InlineData("vader:70000", 70000)]
    [InlineData("chef@[::1]:65536", 65536)]
    public void A_port_outside_1_to_65535_is_refused(string text, int port)
    {
        Assert.Equal($"\"{text}\" has port {port}; a port is between 1 and 65535", Refuses(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("vader example.org")]
    [InlineData(" vader")]
    [InlineData("vader:")]
    [InlineData("vader:123456")]
    [InlineData("vader:22:22")]
    [InlineData("@vader")]
    [InlineData("a@b@vader")]
    [InlineData("-oProxyCommand=id")]
    [InlineData("vader;id")]
    [InlineData("::1")]
    [InlineData("[vader]")]
    [InlineData("vader-")]
    [InlineData("1chef@vader")]
    public void Text_that_is_not_user_host_port_is_refused_with_the_form_to_use(string text)
    {
        Assert.Equal(
            $"\"{text}\" is not a host; write [user@]host[:port], for example chef@vader.example.org:2222",
            Refuses(text));
    }
}
