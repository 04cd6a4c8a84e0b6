using System.Globalization;
using System.Text;

namespace SushOps.Status;

/// <summary>What the facts script reports about a host itself.</summary>
public sealed record HostFacts
{
    /// <summary>The host's clock, in seconds since 1970 (UTC).</summary>
    public long Now { get; init; }

    /// <summary>The host's current offset from UTC, as <c>date +%z</c> prints it (<c>+0100</c>).</summary>
    public string UtcOffset { get; init; } = "";

    /// <summary>Free space in the chefs directory (or the home directory before setup), in KiB.</summary>
    public long? DiskFreeKb { get; init; }

    /// <summary>The login user's crontab, base64-encoded.</summary>
    public string Crontab { get; init; } = "";

    /// <summary>The host's clock as a time.</summary>
    public DateTimeOffset Clock => DateTimeOffset.FromUnixTimeSeconds(Now);

    /// <summary>The crontab's text.</summary>
    public string CrontabText => Encoding.UTF8.GetString(Convert.FromBase64String(Crontab));

    /// <summary>The host's offset from UTC; zero when it did not say.</summary>
    public TimeSpan Offset
    {
        get
        {
            if (UtcOffset.Length != 5 || !int.TryParse(UtcOffset[1..3], CultureInfo.InvariantCulture, out var hours)
                                      || !int.TryParse(UtcOffset[3..], CultureInfo.InvariantCulture, out var minutes))
            {
                return TimeSpan.Zero;
            }

            var offset = new TimeSpan(hours, minutes, 0);
            return UtcOffset[0] == '-' ? -offset : offset;
        }
    }
}
