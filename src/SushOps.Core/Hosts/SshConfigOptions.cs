namespace SushOps.Hosts;

/// <summary><c>ssh -G</c>'s answer: each setting, lower-case, with its values in order.</summary>
internal sealed class SshConfigOptions(Dictionary<string, List<string>> values)
{
    public static SshConfigOptions Parse(string output)
    {
        var values = new Dictionary<string, List<string>>();
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ');
            var (key, value) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
            if (!values.TryGetValue(key.ToLowerInvariant(), out var list))
            {
                values[key.ToLowerInvariant()] = list = [];
            }

            list.Add(value);
        }

        return new SshConfigOptions(values);
    }

    public string? First(string key) => values.TryGetValue(key, out var list) ? list[0] : null;

    public IReadOnlyList<string> All(string key) => values.TryGetValue(key, out var list) ? list : [];
}
