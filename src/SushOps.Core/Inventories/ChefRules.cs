using System.Text.RegularExpressions;
using Cronos;
using LibGit2Sharp;

namespace SushOps.Inventories;

/// <summary>
/// The checks an inventory cell must pass before it goes anywhere near a shell. Each returns null when the
/// value is good, else a message that says what is wrong and how to fix it.
/// </summary>
public static partial class ChefRules
{
    private static readonly string[] CronMacros =
        ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ChefNamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*@[A-Za-z0-9][A-Za-z0-9.-]*:[^:].*$")]
    private static partial Regex ScpLikeUrlPattern();

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex ChannelIdPattern();

    // What Debian's cron takes in a field: *, numbers, ranges, steps and lists of them. Cronos reads more
    // (L, W, #, ?), which cron would refuse or read otherwise, so those are kept out before Cronos parses.
    [GeneratedRegex(@"^(\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?(,(\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?)*$")]
    private static partial Regex CronFieldPattern();

    // A month or weekday by name (jan, mon); Debian's cron takes a name alone, not in a range or list.
    [GeneratedRegex("^[A-Za-z]{3}$")]
    private static partial Regex CronNamePattern();

    private static readonly string[] CronFieldNames = ["minute", "hour", "day of the month", "month", "weekday"];

    /// <summary>Checks a chef name: a letter or digit, then up to 63 letters, digits, '_' or '-'.</summary>
    public static string? CheckName(string name) => ChefNamePattern().IsMatch(name)
        ? null
        : name.Contains('\n')
            ? $"\"{Shorten(Printable(name))}\" spans several lines: a double quote in this cell is probably "
              + "never closed; close it, or double it (\"\") to write a quote"
            : $"\"{Printable(name)}\" is not a chef name; use 1 to 64 letters, digits, '_' or '-', "
              + "starting with a letter or digit (for example khan_academy_en)";

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>Checks a role name as written in the inventory or on the command line.</summary>
    public static string? CheckRole(string role) => RoleNamePattern().IsMatch(role)
        ? null
        : $"\"{Printable(role)}\" is not a role name; use letters, digits, '.', '_' or '-' (for example cloud-kitchen)";

    /// <summary>
    /// Checks a repository address: an http(s), ssh, git or file URL, a <c>user@host:path</c> address, or a
    /// local path. Addresses git would read as options or as its command-running transports are refused.
    /// </summary>
    public static string? CheckRepoUrl(string url)
    {
        if (url.Length == 0)
        {
            return "the repository address is empty; give an https://, ssh://, git@host:path address or a local path";
        }

        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return $"\"{Printable(url)}\" holds a space or control character; a repository address has none";
        }

        if (url.StartsWith('-'))
        {
            return $"\"{Printable(url)}\" starts with '-', which git would read as an option; "
                   + $"write a local path as ./{url}";
        }

        if (url.Contains("://", StringComparison.Ordinal))
        {
            return CheckSchemeUrl(url);
        }

        if (ScpLikeUrlPattern().IsMatch(url))
        {
            return null;
        }

        return url.Contains(':')
            ? $"\"{Printable(url)}\" is neither a URL (https://, http://, ssh://, git://, file://), "
              + "a user@host:path address nor a local path (a local path has no ':')"
            : null;
    }

    /// <summary>True when the address names a local path rather than a URL or user@host:path.</summary>
    public static bool IsLocalPath(string url) => !url.Contains(':');

    /// <summary>Checks a branch name with git's own rules for ref names.</summary>
    public static string? CheckBranch(string branch)
    {
        // git takes HEAD and @ for the current commit, never for a branch.
        var valid = !branch.StartsWith('-')
                    && branch is not ("HEAD" or "@")
                    && !branch.Any(char.IsControl)
                    && Reference.IsValidName("refs/heads/" + branch);
        return valid
            ? null
            : $"\"{Printable(branch)}\" is not a valid git branch name (see git check-ref-format); "
              + "use something like main or release/2024";
    }

    /// <summary>Checks a working directory: relative to the checkout and staying inside it.</summary>
    public static string? CheckWorkingDirectory(string dir)
    {
        if (dir.Any(char.IsControl))
        {
            return $"\"{Printable(dir)}\" holds a control character; give a plain relative path such as chefs/en";
        }

        if (dir.StartsWith('/') || dir.StartsWith('~') || dir.StartsWith('\\'))
        {
            return $"\"{Printable(dir)}\" is absolute; give a path relative to the chef's checkout, such as chefs/en";
        }

        var parts = dir.Split('/', '\\');
        return parts.Contains("..")
            ? $"\"{Printable(dir)}\" climbs out with '..'; give a path inside the chef's checkout"
            : null;
    }

    /// <summary>Checks shell text of the inventory (run and post-setup commands): one line, not empty.</summary>
    public static string? CheckCommand(string command) => command.Any(c => char.IsControl(c) && c != '\t')
        ? $"\"{Printable(command)}\" spans several lines or holds control characters; write the command on one line"
        : null;

    /// <summary>Checks a Review cell: <c>key=percent</c> pairs (see <see cref="ChefReview"/>).</summary>
    public static string? CheckReview(string cell)
    {
        ChefReview.TryParse(cell, out var error);
        return error;
    }

    /// <summary>Checks a Kolibri Studio channel id: 32 hexadecimal digits.</summary>
    public static string? CheckChannelId(string id) => ChannelIdPattern().IsMatch(id)
        ? null
        : $"\"{Printable(id)}\" is not a Studio channel id; it has 32 hexadecimal digits "
          + "(see the channel's URL in Studio)";

    /// <summary>
    /// Checks a crontab schedule: five fields (minute hour day month weekday) or one of cron's macros,
    /// parsed with Cronos; <c>H</c> may stand for the minute, hour or day
    /// (see <see cref="Scheduling.HashedSchedule"/>).
    /// </summary>
    public static string? CheckSchedule(string schedule)
    {
        if (schedule.StartsWith('@'))
        {
            return CronMacros.Contains(schedule)
                ? null
                : $"\"{Printable(schedule)}\" is not a schedule sushops can install; "
                  + $"use five fields or one of {string.Join(", ", CronMacros)}";
        }

        var fields = schedule.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 5)
        {
            return $"\"{Printable(schedule)}\" has {fields} field{(fields == 1 ? "" : "s")}; "
                   + "a schedule needs 5 (minute hour day month weekday), for example \"0 3 1 * *\"";
        }

        if ((Scheduling.HashedSchedule.Check(schedule) ?? CheckCronFields(schedule)) is { } problem)
        {
            return $"\"{Printable(schedule)}\": {problem}";
        }

        try
        {
            CronExpression.Parse(Scheduling.HashedSchedule.Resolve(schedule, "any"), CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return $"\"{Printable(schedule)}\" is not a valid cron schedule: {e.Message}";
        }
    }

    private static string? CheckCronFields(string schedule)
    {
        var fields = Scheduling.HashedSchedule.Resolve(schedule, "any")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (CronFieldPattern().IsMatch(field) || (i >= 3 && CronNamePattern().IsMatch(field)))
            {
                continue;
            }

            return field.StartsWith('H')
                ? $"the {CronFieldNames[i]} \"{Printable(field)}\" adds to H; H stands alone in a field "
                  + "(H(0-29) and H/15 are not supported)"
                : $"the {CronFieldNames[i]} \"{Printable(field)}\" is not cron syntax Debian's cron takes; "
                  + "write *, numbers, ranges (1-5), lists (1,15), steps (*/10) or H"
                  + (i >= 3 ? ", or a single name (jan, mon)" : "");
        }

        return null;
    }

    private static string? CheckSchemeUrl(string url)
    {
        string[] schemes = ["https", "http", "ssh", "git", "file"];
        var scheme = url[..url.IndexOf("://", StringComparison.Ordinal)];
        if (!schemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
        {
            return $"\"{Printable(url)}\" is not a URL git can clone safely; "
                   + "use https://, http://, ssh://, git:// or file://";
        }

        var authority = url[(scheme.Length + 3)..].Split('/')[0];
        if (authority[(authority.LastIndexOf('@') + 1)..].StartsWith('-'))
        {
            return $"\"{Printable(url)}\" names a host that starts with '-', which ssh would read as an option";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"\"{Printable(url)}\" is not a well-formed {scheme}:// URL";
        }

        return uri.Scheme != "file" && string.IsNullOrEmpty(uri.Host)
            ? $"\"{Printable(url)}\" names no host"
            : null;
    }

    /// <summary>A value as it can be shown in one line of an error: control characters made visible.</summary>
    internal static string Printable(string value) => string.Concat(value.Select(c => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ when char.IsControl(c) => $"\\u{(int)c:x4}",
        _ => c.ToString(),
    }));
}
