namespace SushOps.Tests.Infrastructure;

/// <summary>
/// Decides what a test does when the machine lacks something it needs: on a developer's machine it is
/// skipped, but in CI (<c>CI=true</c>) it fails, so that a broken CI image cannot pass by skipping. A CI job on a
/// platform that cannot have what these tests need (macOS and Windows: no <c>useradd</c>, no Debian sshd) sets
/// <c>SUSHOPS_TESTS_MAY_SKIP=true</c> to skip them there too.
/// </summary>
public static class TestRequirement
{
    /// <summary>Returns when <paramref name="whyUnavailable"/> is null; otherwise skips or, in CI, fails.</summary>
    public static void Require(string? whyUnavailable)
    {
        if (whyUnavailable is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true"
            && Environment.GetEnvironmentVariable("SUSHOPS_TESTS_MAY_SKIP") != "true")
        {
            throw new InvalidOperationException($"CI=true, so this test may not be skipped: {whyUnavailable}");
        }

        Assert.Skip(whyUnavailable);
    }
}
