namespace SushOps.Configuration;

/// <summary>The Kolibri Studio that chefs upload to.</summary>
/// <param name="Url">Studio's address, passed to chefs as STUDIO_URL.</param>
/// <param name="TokenFile">A local file holding the Studio API token, copied to hosts for runs.</param>
public sealed record StudioSettings(string? Url, string? TokenFile);
