using SushOps.Configuration;
using SushOps.Studio;

namespace SushOps.Tests.Configuration;

/// <summary>The config keys promotion reads: review limits, sushops_path, the credentials file.</summary>
public sealed class PromotionConfigTests
{
    private static SushOpsConfig Parse(string yaml) =>
        ConfigLoader.Parse(new StringReader(yaml), "sushops.yaml", "/etc/sushops");

    [Fact]
    public void Review_limits_come_from_the_top_then_the_role_key_by_key()
    {
        var config = Parse("""
            review:
              max_size_change: 30
            roles:
              vader:
                hosts: [vader]
                review:
                  max_resource_change: 15%
              ck:
                hosts: [ck1]
            """);

        Assert.Equal(new ReviewRules(15, 5, 30), config.Roles["vader"].Review);
        Assert.Equal(new ReviewRules(10, 5, 30), config.Roles["ck"].Review);
        Assert.Equal(new ReviewRules(10, 5, 30), config.Roles["local"].Review);
    }

    [Fact]
    public void Without_review_keys_the_defaults_hold()
    {
        var config = Parse("roles:\n  vader:\n    hosts: [vader]\n");

        Assert.Equal(ReviewRules.Default, config.Roles["vader"].Review);
        Assert.Null(config.Roles["vader"].SushopsPath);
    }

    [Theory]
    [InlineData("review:\n  max_size_change: lots\n", "key review.max_size_change: \"lots\" is not a percentage")]
    [InlineData("review:\n  max_loss: 5\n", "line 2, key review.max_loss: is not a known key")]
    [InlineData("roles:\n  v:\n    review:\n      max_resource_loss: -3\n", "key roles.v.review.max_resource_loss")]
    public void A_bad_review_setting_is_named_with_its_line(string yaml, string expected)
    {
        var message = Assert.Throws<SushOpsException>(() => Parse(yaml)).Message;

        Assert.Contains(expected, message);
    }

    [Fact]
    public void Sushops_path_and_the_credentials_file_are_read()
    {
        var config = Parse("""
            roles:
              vader:
                hosts: [vader]
                sushops_path: /usr/local/bin/sushops
            studio:
              url: https://studio.example
              credentials_file: secrets/deploy.yaml
            """);

        Assert.Equal("/usr/local/bin/sushops", config.Roles["vader"].SushopsPath);
        Assert.Equal("/etc/sushops/secrets/deploy.yaml", config.Studio.CredentialsFile);
    }
}
