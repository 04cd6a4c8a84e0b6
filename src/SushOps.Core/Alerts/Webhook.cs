using System.Net.Http.Json;

namespace SushOps.Alerts;

/// <summary>Posts a message to a Slack-compatible incoming webhook: <c>{"text": "…"}</c> as JSON.</summary>
public static class Webhook
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Posts <paramref name="text"/> to <paramref name="url"/>; throws <see cref="SushOpsException"/> when the
    /// webhook refuses it or cannot be reached. The message never shows the URL, which is a secret.
    /// </summary>
    public static async Task PostAsync(Secret url, string text, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Client.PostAsJsonAsync(
                url.Reveal(), new WebhookMessage(text), CoreJson.Default.WebhookMessage, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SushOpsException(
                    $"The alert webhook (alerts.webhook_url) answered {(int)response.StatusCode} "
                    + $"{response.ReasonPhrase}; check the webhook in the config.", ExitCodes.Failed);
            }
        }
        catch (HttpRequestException e)
        {
            throw new SushOpsException(
                $"The alert webhook (alerts.webhook_url) could not be reached: {url.Redact(e.Message)}",
                ExitCodes.Failed);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SushOpsException("The alert webhook (alerts.webhook_url) did not answer within 30 s.",
                ExitCodes.Failed);
        }
    }
}

/// <summary>What a Slack-compatible webhook takes: <c>{"text": "…"}</c>.</summary>
internal sealed record WebhookMessage(string Text);
