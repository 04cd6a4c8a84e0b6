using System.Text.RegularExpressions;

namespace SushOps.Configuration;

/// <summary>Where sushops logs in: <c>[user@]host[:port]</c>, with an IPv6 address in brackets.</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="User">Login user; the operator's own user name when null.</param>
/// <param name="Port">SSH port; 22 when null.</param>
public sealed partial record HostAddress(string Host, string? User = null, int? Port = null)
{
    [GeneratedRegex("""
        ^(?:(?<user>[A-Za-z_][A-Za-z0-9_.-]{0,31})@)?
        (?:\[(?<v6>[0-9A-Fa-f:.]+)\]|(?<host>[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?))
        (?::(?<port>[0-9]{1,5}))?$
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex AddressPattern();

    /// <summary>Parses an address, or returns null with <paramref name="error"/> saying what is wrong.</summary>
    public static HostAddress? TryParse(string text, out string? error)
    {
        var match = AddressPattern().Match(text);
        if (!match.Success)
        {
            error = $"\"{text}\" is not a host; write [user@]host[:port], for example chef@vader.example.org:2222";
            return null;
        }

        int? port = null;
        if (match.Groups["port"].Success)
        {
            var number = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (number is < 1 or > 65535)
            {
                error = $"\"{text}\" has port {number}; a port is between 1 and 65535";
                return null;
            }

            port = number;
        }

        var host = match.Groups["v6"].Success ? match.Groups["v6"].Value : match.Groups["host"].Value;
        error = null;
        return new HostAddress(host, match.Groups["user"].Success ? match.Groups["user"].Value : null, port);
    }

    /// <summary>The address as the operator wrote it, for messages and output prefixes.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':') ? $"[{Host}]" : Host;
        var user = User is null ? "" : User + "@";
        var port = Port is null ? "" : $":{Port}";
        return user + host + port;
    }
}
