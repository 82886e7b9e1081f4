using System.Security.Claims;
using Parties.Reference;
using Parties.Tenancy;

namespace Parties.Api.Auth;

/// <summary>The authenticated caller of a request: whose key, which organization, what it may do.</summary>
public sealed record Caller(string OrganizationId, Guid AccountId, string UserId, Guid ApiKeyId, UserRole Role,
    IReadOnlyList<string> Permissions)
{
    public bool Can(string permission) => Permissions.Contains(permission);

    /// <summary>Admins and bookkeepers see all of their organization's parties; members only what they own.</summary>
    public bool SeesAll => Role is UserRole.Admin or UserRole.Bookkeeper;

    /// <summary>The caller as the vendor policy knows it.</summary>
    public VendorCaller AsVendorCaller() => new(UserId, SeesAll);

    /// <summary>The actor of a write; the request id is the trace identifier, which UseRequestIds set from X-Request-Id.</summary>
    public Actor As(string dialect, HttpContext http) => new(UserId, ApiKeyId, dialect, http.TraceIdentifier);

    public IEnumerable<Claim> ToClaims() =>
    [
        new(ClaimTypes.NameIdentifier, UserId),
        new(ClaimTypes.Role, Role.ToString()),
        new(OrganizationClaim, OrganizationId),
        new(AccountClaim, AccountId.ToString()),
        new(ApiKeyClaim, ApiKeyId.ToString()),
        .. Permissions.Select(p => new Claim(PermissionClaim, p)),
    ];

    public static Caller FromClaims(ClaimsPrincipal user) => new(
        user.FindFirstValue(OrganizationClaim)!,
        Guid.Parse(user.FindFirstValue(AccountClaim)!),
        user.FindFirstValue(ClaimTypes.NameIdentifier)!,
        Guid.Parse(user.FindFirstValue(ApiKeyClaim)!),
        Enum.Parse<UserRole>(user.FindFirstValue(ClaimTypes.Role)!),
        user.FindAll(PermissionClaim).Select(c => c.Value).ToArray());

    public static Caller From(ApiKey key) =>
        new(key.OrganizationId, key.AccountId, key.UserId, key.Id, key.Role, key.Permissions);

    private const string OrganizationClaim = "parties:organization";
    private const string AccountClaim = "parties:account";
    private const string ApiKeyClaim = "parties:api-key";
    private const string PermissionClaim = "parties:permission";
}
