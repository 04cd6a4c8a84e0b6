using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace SushOps.Tests.Infrastructure;

/// <summary>
/// A folder with one wheel the test builds itself, so that pip installs requirements for real on machines
/// that reach no package index (<c>--no-index --find-links</c>).
/// </summary>
public static class WheelHouse
{
    public const string PackageName = "greeting";
    public const string Version = "1.0";

    /// <summary>Writes <c>greeting-1.0-py3-none-any.whl</c> whose module says <paramref name="message"/>.</summary>
    public static string Build(string directory, string message)
    {
        Directory.CreateDirectory(directory);
        var distInfo = $"{PackageName}-{Version}.dist-info";
        var files = new Dictionary<string, string>
        {
            [$"{PackageName}/__init__.py"] = $"MESSAGE = {Python(message)}\n",
            [$"{distInfo}/METADATA"] = $"Metadata-Version: 2.1\nName: {PackageName}\nVersion: {Version}\n",
            [$"{distInfo}/WHEEL"] =
                "Wheel-Version: 1.0\nGenerator: sushops-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        };
        var record = new StringBuilder();
        foreach (var (name, content) in files)
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            var hash = Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{name},sha256={hash},{bytes.Length}\n");
        }

        record.Append($"{distInfo}/RECORD,,\n");
        files[$"{distInfo}/RECORD"] = record.ToString();

        var path = Path.Combine(directory, $"{PackageName}-{Version}-py3-none-any.whl");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in files)
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(Encoding.UTF8.GetBytes(content));
        }

        return path;
    }

    /// <summary>A requirements.txt that installs the wheel from <paramref name="directory"/> with no index.</summary>
    public static string Requirements(string directory) =>
        $"--no-index\n--find-links {directory}\n{PackageName}=={Version}\n";

    private static string Python(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
