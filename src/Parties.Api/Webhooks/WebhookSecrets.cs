using System.Security.Cryptography;

namespace Parties.Api.Webhooks;

public static class WebhookSecrets
{
    /// <summary>The Standard Webhooks form: <c>whsec_</c> and the base64 of 32 random bytes (the HMAC key).</summary>
    public static string Issue() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
