using System.Globalization;
using SushOps.Targeting;

namespace SushOps.Scheduling;

/// <summary>
/// The time zone a host's cron daemon runs entries in, as the host reports it. Debian's cron has no
/// <c>CRON_TZ</c>, so a schedule means the host's local time; sushops can only check that this is the zone
/// the role says (and that <c>list</c> shows next runs in) and say so when it is not.
/// </summary>
/// <param name="Name">The zone's name from <c>/etc/timezone</c> or <c>/etc/localtime</c>; empty if unknown.</param>
/// <param name="Offset">The host's UTC offset at the time it was asked, such as <c>+0100</c>.</param>
public sealed record HostCronZone(string Name, string Offset)
{
    /// <summary>The shell line that prints the zone line <see cref="Parse"/> reads.</summary>
    public const string Script = """
        zone=$(cat /etc/timezone 2>/dev/null || readlink /etc/localtime 2>/dev/null || true)
        printf 'zone %s %s\n' "$(date +%z)" "${zone#*zoneinfo/}"
        """;

    /// <summary>Reads the line <see cref="Script"/> prints; null when <paramref name="line"/> is not one.</summary>
    public static HostCronZone? Parse(string line)
    {
        var parts = line.Split(' ', 3);
        return parts.Length >= 2 && parts[0] == "zone"
            ? new HostCronZone(parts.Length == 3 ? parts[2].Trim() : "", parts[1])
            : null;
    }

    /// <summary>
    /// Why the schedules of <paramref name="host"/>'s chefs will not start when its role expects; null when
    /// the host's zone has the same rules as the role's <c>timezone</c> (or, without one, as this machine's).
    /// </summary>
    public string? Mismatch(HostTarget host, DateTimeOffset now)
    {
        var expected = host.Role.TimeZone is { } configured
            ? TimeZoneInfo.FindSystemTimeZoneById(configured)
            : TimeZoneInfo.Local;
        if (Name.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(Name, out var actual))
        {
            return actual.HasSameRules(expected) ? null : Explain(host, Name, expected);
        }

        // An unnamed zone can still be compared by its offset now.
        return OffsetText(expected.GetUtcOffset(now)) == Offset ? null : Explain(host, "UTC" + Offset, expected);
    }

    private static string Explain(HostTarget host, string actual, TimeZoneInfo expected)
    {
        var role = host.Role.Name;
        var expectation = host.Role.TimeZone is null
            ? $"role {role} sets no timezone, so list shows next runs in this machine's zone, {expected.Id}"
            : $"role {role} says timezone {expected.Id}, the zone list shows next runs in";
        return $"cron on {host.Name} runs entries in the host's local time, {actual}, but {expectation}; "
               + $"set roles.{role}.timezone to {actual}, or set the host's zone to {expected.Id}";
    }

    private static string OffsetText(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
}
