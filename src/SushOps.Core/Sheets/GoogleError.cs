using System.Text.Json;

namespace SushOps.Sheets;

/// <summary>
/// The error body Google's APIs answer with, <c>{"error": {"code", "message", "status", "details"}}</c>.
/// </summary>
/// <param name="Code">The HTTP status code it repeats.</param>
/// <param name="Message">Google's sentence about what went wrong.</param>
/// <param name="Status">The canonical status, such as <c>PERMISSION_DENIED</c>.</param>
/// <param name="Reason">The <c>reason</c> of its ErrorInfo detail, such as <c>API_KEY_INVALID</c>, when given.</param>
public sealed record GoogleError(int Code, string Message, string? Status, string? Reason)
{
    /// <summary>The error in <paramref name="body"/>, or null when the body is not Google's error format.</summary>
    public static GoogleError? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            var status = error.TryGetProperty("status", out var s) ? s.GetString() : null;
            return new GoogleError(code, message, status, ReasonOf(error));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReasonOf(JsonElement error)
    {
        if (!error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return details.EnumerateArray()
            .Where(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("reason", out _))
            .Select(d => d.GetProperty("reason").GetString())
            .FirstOrDefault();
    }
}
