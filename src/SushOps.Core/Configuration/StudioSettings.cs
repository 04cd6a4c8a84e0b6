namespace SushOps.Configuration;

/// <summary>The Kolibri Studio that chefs upload to.</summary>
/// <param name="Url">Studio's address, passed to chefs as STUDIO_URL.</param>
/// <param name="TokenFile">A local file holding the Studio API token, copied to hosts for runs.</param>
public sealed record StudioSettings(string? Url, string? TokenFile)
{
    /// <summary>
    /// A local YAML file (mode 0600) with the <c>email:</c> and <c>password:</c> of the account that deploys
    /// staged trees; without it, promote stops at "ready to deploy".
    /// </summary>
    public string? CredentialsFile { get; init; }
}
