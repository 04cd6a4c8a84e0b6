namespace SushOps.Hosts;

/// <summary>Turns a stream of host output into whole lines.</summary>
internal static class LineReader
{
    public static async Task PumpAsync(Stream stream, bool isError, Action<HostOutput> onOutput, CancellationToken ct)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            onOutput(new HostOutput(line, isError));
        }
    }
}
