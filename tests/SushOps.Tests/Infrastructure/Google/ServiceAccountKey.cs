using System.Security.Cryptography;
using System.Text.Json;

namespace SushOps.Tests.Infrastructure.Google;

/// <summary>A service account's JSON key as the Google Cloud console gives it, with an RSA key made here.</summary>
public sealed class ServiceAccountKey : IDisposable
{
    public ServiceAccountKey(string email, Uri tokenUri)
    {
        Email = email;
        Rsa = RSA.Create(2048);
        Json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "sushops-tests",
            ["private_key_id"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)),
            ["private_key"] = Rsa.ExportPkcs8PrivateKeyPem() + "\n",
            ["client_email"] = email,
            ["client_id"] = "104857600000000000001",
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
            ["token_uri"] = tokenUri.ToString(),
            ["auth_provider_x509_cert_url"] = "https://www.googleapis.com/oauth2/v1/certs",
            ["universe_domain"] = "googleapis.com",
        });
    }

    public string Email { get; }

    public RSA Rsa { get; }

    public string Json { get; }

    public string WriteTo(string path)
    {
        File.WriteAllText(path, Json);
        return path;
    }

    public void Dispose() => Rsa.Dispose();
}
