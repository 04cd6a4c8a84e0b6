using System.Net;

namespace SushOps.Studio;

/// <summary>Studio refused or failed a request; the message says which, what Studio said, and the fix.</summary>
public sealed class StudioException(string message, HttpStatusCode? status = null, Exception? inner = null)
    : SushOpsException(message, ExitCodes.Failed, inner)
{
    /// <summary>The HTTP status Studio answered with, when it answered.</summary>
    public HttpStatusCode? Status { get; } = status;
}
