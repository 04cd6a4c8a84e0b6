using System.Text.Json.Nodes;

namespace SushOps.Tests.Studio;

/// <summary>Node diffs in Studio's format, built from a few numbers.</summary>
public static class StagedDiffs
{
    /// <summary>A diff with every field Studio reports, live and staged values from the arguments.</summary>
    public static JsonObject Make(
        (double Live, double Staged) resources,
        (double Live, double Staged) size,
        (string Live, string Staged)? ricecooker = null,
        (double Live, double Staged)? videos = null,
        (double Live, double Staged)? documents = null)
    {
        var (rcLive, rcStaged) = ricecooker ?? ("0.7.1", "0.7.1");
        var stats = new JsonArray
        {
            Stat("date_created", "2026-11-30T03:00:00Z", "2026-12-03T03:00:00Z"),
            Stat("ricecooker_version", rcLive, rcStaged),
            Stat("file_size_in_bytes", size.Live, size.Staged, formatSize: true),
            Stat("count_resources", resources.Live, resources.Staged),
            Stat("count_topics", 12, 12),
            Stat("count_videos", (videos ?? (40, 40)).Live, (videos ?? (40, 40)).Staged),
            Stat("count_audios", 0, 0),
            Stat("count_exercises", 0, 0),
            Stat("count_documents", (documents ?? (60, 60)).Live, (documents ?? (60, 60)).Staged),
            Stat("count_html5s", 0, 0),
            Stat("count_slideshows", 0, 0),
            Stat("count_h5ps", 0, 0),
            Stat("count_zims", 0, 0),
            Stat("count_quizs", 0, 0),
            Stat("count_questions", 0, 0),
            Stat("count_subtitles", 3, 3),
        };
        return new JsonObject { ["generated"] = "2026-12-03T03:05:00Z", ["stats"] = stats };
    }

    /// <summary>A diff every rule passes: 100 → 102 resources, 1 GB → 1.05 GB.</summary>
    public static JsonObject Clean() => Make((100, 102), (1_000_000_000, 1_050_000_000));

    private static JsonObject Stat(string field, JsonNode? original, JsonNode? changed, bool formatSize = false)
    {
        var stat = new JsonObject { ["field"] = field, ["original"] = original, ["changed"] = changed };
        if (original is JsonValue o && changed is JsonValue c && o.TryGetValue<double>(out var a)
            && c.TryGetValue<double>(out var b))
        {
            stat["difference"] = b - a;
            if (formatSize)
            {
                stat["format_size"] = $"{(b - a) / 1e6:0.#} MB";
            }
        }

        return stat;
    }
}
