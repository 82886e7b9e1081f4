using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Parties.Tenancy;

namespace Parties.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Api-Key &lt;key&gt;</c> (every dialect) and the Suppliers dialect's
/// <c>api-auth-accountid</c> + <c>api-auth-applicationkey</c> pair. No header: no result (the endpoint
/// answers "missing credentials" in its dialect); a key that is unknown, revoked or not of that account: failure.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IPlatformStore store,
    ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Api-Key";
    public const string AccountIdHeader = "api-auth-accountid";
    public const string ApplicationKeyHeader = "api-auth-applicationkey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (keyText, accountId) = ReadCredentials(Request);
        if (keyText is null) return AuthenticateResult.NoResult();
        if (!ApiKey.TryParse(keyText, out var id, out var secret)) return AuthenticateResult.Fail("Invalid API Key");

        var key = cache.Find(id) ?? await LoadAsync(id);
        if (key is null || key.RevokedAt is not null || !key.Matches(secret)) return AuthenticateResult.Fail("Invalid API Key");
        if (accountId is not null && !string.Equals(accountId, key.AccountId.ToString(), StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("Invalid API Key");

        var identity = new ClaimsIdentity(Caller.From(key).ToClaims(), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<ApiKey?> LoadAsync(Guid id)
    {
        var generation = cache.Generation;
        await using var session = store.QuerySession();
        var key = await session.LoadAsync<ApiKey>(id, Context.RequestAborted);
        if (key is not null) cache.Keep(key, generation);
        return key;
    }

    public static (string? Key, string? AccountId) ReadCredentials(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
            return (authorization[(SchemeName.Length + 1)..].Trim(), null);
        var applicationKey = request.Headers[ApplicationKeyHeader].ToString();
        return applicationKey.Length > 0 ? (applicationKey, request.Headers[AccountIdHeader].ToString()) : (null, null);
    }

    /// <summary>The platform operator's key (<c>Parties:AdminKey</c>), compared in constant time.</summary>
    public static bool IsPlatformAdmin(HttpRequest request, string? adminKey)
    {
        var (given, _) = ReadCredentials(request);
        if (string.IsNullOrEmpty(adminKey) || given is null) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(adminKey)));
    }
}

public static class ApiKeyAuthenticationRegistration
{
    public static WebApplicationBuilder AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddHostedService<ApiKeyRevocations>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        return builder;
    }
}
