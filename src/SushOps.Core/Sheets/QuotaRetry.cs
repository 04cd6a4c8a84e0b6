using System.Net;
using Serilog;

namespace SushOps.Sheets;

/// <summary>
/// Sends a request again when Google answers 429 (quota exceeded), waiting longer each time, or as long as
/// its Retry-After asks (up to a minute). The last 429 is returned as it came when every wait is used up.
/// </summary>
public sealed class QuotaRetry(IReadOnlyList<TimeSpan> delays)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(1);

    /// <summary>Waits of 1, 2, 4 and 8 seconds: four more tries over about 15 seconds.</summary>
    public static QuotaRetry Default { get; } = new([
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)]);

    /// <summary>How many times a request is sent at most.</summary>
    public int Attempts => delays.Count + 1;

    /// <summary>The wait before try <paramref name="retry"/> (0 for the first retry), Retry-After first.</summary>
    public TimeSpan Delay(int retry, TimeSpan? retryAfter) =>
        retryAfter is { } asked ? (asked < LongestWait ? asked : LongestWait) : delays[retry];

    /// <summary>Sends the request that <paramref name="request"/> makes, again after each 429.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpClient http,
        Func<HttpRequestMessage> request,
        CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            var response = await http.SendAsync(request(), cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || retry >= delays.Count)
            {
                return response;
            }

            var delay = Delay(retry, response.Headers.RetryAfter?.Delta);
            Log.Information("{Host} answered 429 (quota exceeded); trying again in {Delay}",
                http.BaseAddress?.Host ?? response.RequestMessage?.RequestUri?.Host, delay);
            response.Dispose();
            await Task.Delay(delay, cancellationToken);
        }
    }
}
