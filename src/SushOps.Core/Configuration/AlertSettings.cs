namespace SushOps.Configuration;

/// <summary>Where alerts about failed and missed runs go.</summary>
/// <param name="WebhookUrl">A Slack-compatible incoming webhook; a secret, since anyone holding it can post.</param>
public sealed record AlertSettings(Secret? WebhookUrl);
