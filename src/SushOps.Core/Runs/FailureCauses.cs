using System.Text.Json;
using System.Text.RegularExpressions;

namespace SushOps.Runs;

/// <summary>
/// Names why a run failed from its record and the end of its log. <see cref="Signatures"/> is the table of known
/// causes: add a line there to teach sushops a new one.
/// </summary>
public static class FailureCauses
{
    /// <summary>
    /// Known causes, most specific first. Each pattern matches a line that ricecooker, requests, Python or the
    /// shell prints for that cause.
    /// </summary>
    public static IReadOnlyList<FailureSignature> Signatures { get; } =
    [
        new("studio_auth", "Studio refused the token (expired or wrong): renew it and update studio.token_file",
            Line(@"Invalid token|Credentials not found|\b401 Client Error|"
                 + @"\b403 Client Error: Forbidden for url: \S*authenticate_user|"
                 + "Authentication credentials were not provided")),
        new("studio_quota", "Studio storage quota exceeded (HTTP 412): ask for more space or remove old files",
            Line(@"\b412 Client Error|InsufficientStorageException|Not enough space\. Check your storage")),
        new("studio_gateway", "a gateway error (HTTP 502/503/504), usually Studio's during upload; run it again",
            Line(@"\b50[234] Server Error|too many 50[234] error responses|\bBad Gateway\b|\bGateway Time-?out\b"),
            QuoteLine: true),
        new("disk_full", "the host's disk is full: free space in the chefs directory (downloads, caches)",
            Line(@"No space left on device|\[Errno 28\]|Disk quota exceeded|\[Errno 122\]")),
        new("out_of_memory", "out of memory, or killed by the kernel's OOM killer",
            Line(@"\bMemoryError\b|^Killed$|Cannot allocate memory|\[Errno 12\]")),
        new("stdin_closed", "the chef asked for input, but runs have no stdin: pass the answer on its command "
                            + "line (ricecooker: a token file, and --resume or --reset)",
            Line(@"\bEOFError\b|EOF when reading a line")),
        new("network", "network unreachable or DNS failure",
            Line(@"Name or service not known|Temporary failure in name resolution|Network is unreachable|"
                 + "No route to host|Failed to establish a new connection|Failed to resolve|"
                 + "Connection refused|"
                 + @"Connection reset by peer|Read timed out|ConnectTimeoutError|getaddrinfo failed"),
            QuoteLine: true),
    ];

    /// <summary>
    /// The signatures as JSON (id, description, pattern, quote_line), for the host-side alert, which names causes
    /// with Python's <c>re</c>: every pattern here is written in the syntax both read alike.
    /// </summary>
    public static string SignaturesJson() => JsonSerializer.Serialize(
        Signatures.Select(s => new FailureSignatureJson(s.Id, s.Description, s.Pattern.ToString(), s.QuoteLine))
            .ToList(),
        CoreJson.Default.ListFailureSignatureJson);

    private const string TracebackHeader = "Traceback (most recent call last):";

    /// <summary>
    /// Why <paramref name="record"/> did not succeed, from its result and <paramref name="logTail"/> (the last
    /// lines of its log); null for a run that succeeded or was skipped.
    /// </summary>
    public static FailureCause? Diagnose(RunRecord record, IReadOnlyList<string> logTail)
    {
        switch (record.Result)
        {
            case RunResult.Ok or RunResult.Skipped:
                return null;
            case RunResult.TimedOut:
                return new FailureCause("timed_out", "timed out: ran longer than the role's max_run_hours");
            case RunResult.Stopped:
                return new FailureCause("stopped", "stopped by an operator (sushops stop)");
            case RunResult.Interrupted:
                return new FailureCause(
                    "interrupted", "interrupted: the runner got TERM, INT or HUP (Ctrl-C, a dropped connection)");
        }

        // 137 is 128 + KILL: with no time limit in play, that is almost always the OOM killer.
        if (record.ExitCode == 137)
        {
            return Known("out_of_memory", null);
        }

        return FromLog(logTail) ?? FromTraceback(logTail) ?? new FailureCause(
            "exit_code",
            $"exit code {record.ExitCode?.ToString() ?? "unknown"}" + LastWords(logTail));
    }

    // The last line that shows a known cause wins: the final error comes after retries and warnings.
    private static FailureCause? FromLog(IReadOnlyList<string> lines)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i].Trim();
            if (Signatures.FirstOrDefault(s => s.Pattern.IsMatch(line)) is { } signature)
            {
                return Known(signature.Id, signature.QuoteLine ? line : null);
            }
        }

        return null;
    }

    // The exception line of the last traceback: the first line after its header that is not an indented frame.
    private static FailureCause? FromTraceback(IReadOnlyList<string> lines)
    {
        // A prompt without a line end can put the header at the end of another line.
        var header = lines.ToList()
            .FindLastIndex(l => l.TrimEnd().EndsWith(TracebackHeader, StringComparison.Ordinal));
        if (header < 0)
        {
            return null;
        }

        var exception = lines.Skip(header + 1).FirstOrDefault(l => l.Length > 0 && !char.IsWhiteSpace(l[0]));
        return new FailureCause("python_exception", "Python exception: " + (exception ?? "(traceback cut short)"));
    }

    private static FailureCause Known(string id, string? line)
    {
        var signature = Signatures.Single(s => s.Id == id);
        return new FailureCause(id, line is null ? signature.Description : $"{signature.Description}: {line}");
    }

    private static string LastWords(IReadOnlyList<string> lines) =>
        lines.LastOrDefault(l => l.Trim().Length > 0) is { } last ? $", after: {last.Trim()}" : "";

    private static Regex Line(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
}

/// <summary>A failure signature as the host-side alert reads it.</summary>
internal sealed record FailureSignatureJson(string Id, string Description, string Pattern, bool QuoteLine);
