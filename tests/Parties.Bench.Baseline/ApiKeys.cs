using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Parties.Bench.Baseline;

public sealed record Caller(string OrganizationId, string UserId, string[] Permissions);

/// <summary>The service's key check, hand-written: one lookup by id, the secret's SHA-256 compared in constant time.</summary>
public static class ApiKeys
{
    public static (Guid Id, string Secret)? Parse(string text) =>
        text.Split('_') is ["pk", var id, { Length: > 0 } secret] && Guid.TryParseExact(id, "N", out var guid) ? (guid, secret) : null;

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static async Task<Caller?> AuthenticateAsync(HttpRequest request, NpgsqlDataSource db)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Api-Key ", StringComparison.OrdinalIgnoreCase) || Parse(header[8..].Trim()) is not var (id, secret))
            return null;
        await using var command = db.CreateCommand(
            "SELECT organization_id, user_id, permissions, secret_hash FROM api_keys WHERE id = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(request.HttpContext.RequestAborted);
        if (!await reader.ReadAsync()) return null;
        if (!CryptographicOperations.FixedTimeEquals(reader.GetFieldValue<byte[]>(3), Hash(secret))) return null;
        return new Caller(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2));
    }
}
