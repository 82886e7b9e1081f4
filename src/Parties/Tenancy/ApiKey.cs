using System.Security.Cryptography;
using System.Text;
using Parties.Reference;

namespace Parties.Tenancy;

public static class Permissions
{
    public const string Read = "read";
    public const string Write = "write";
    public static readonly string[] All = [Read, Write];
}

/// <summary>
/// An API key as stored: never the secret, only its SHA-256. The key handed out is
/// <c>pk_{id}_{secret}</c>, so the lookup is by id and the secret is compared in constant time.
/// Global (not tenanted) because the key is what tells the tenant.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public string OrganizationId { get; set; } = "";
    public Guid AccountId { get; set; }
    public string UserId { get; set; } = "";

    /// <summary>The user's role when the key was made (user roles do not change through the API).</summary>
    public UserRole Role { get; set; }

    public string[] Permissions { get; set; } = [];
    public byte[] SecretHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool Can(string permission) => Permissions.Contains(permission);

    /// <summary>Makes a key: the stored record and the text shown once to its owner.</summary>
    public static (ApiKey Key, string Text) Issue(Organization organization, User user, IEnumerable<string> permissions,
        DateTimeOffset now)
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organization.Id,
            AccountId = organization.AccountId,
            UserId = user.Id,
            Role = user.Role,
            Permissions = permissions.Distinct().Order().ToArray(),
            SecretHash = Hash(secret),
            CreatedAt = now,
        };
        return (key, $"pk_{key.Id:N}_{secret}");
    }

    /// <summary>Splits presented key text into its id and secret; false when it cannot be one of ours.</summary>
    public static bool TryParse(string text, out Guid id, out string secret)
    {
        (id, secret) = (Guid.Empty, "");
        var parts = text.Split('_');
        if (parts is not ["pk", var idText, var secretText] || secretText.Length == 0) return false;
        if (!Guid.TryParseExact(idText, "N", out id)) return false;
        secret = secretText;
        return true;
    }

    public bool Matches(string secret) => CryptographicOperations.FixedTimeEquals(SecretHash, Hash(secret));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
