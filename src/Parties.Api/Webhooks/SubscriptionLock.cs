using System.Security.Cryptography;
using Marten;
using Npgsql;

namespace Parties.Api.Webhooks;

/// <summary>
/// A session-level advisory lock on one subscription, held on a connection of its own while its deliveries go out,
/// so one node at a time sends a subscription's events (and so each lane keeps its order) without a transaction
/// staying open while receivers answer. PostgreSQL lets go of it if the node dies.
/// </summary>
public sealed class SubscriptionLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private SubscriptionLock(NpgsqlConnection connection, long key) => (_connection, _key) = (connection, key);

    /// <summary>The lock, or null when another drain holds it.</summary>
    public static async Task<SubscriptionLock?> TryTakeAsync(IQuerySession session, Guid subscriptionId, CancellationToken cancellation)
    {
        var key = KeyOf(subscriptionId);
        var connection = session.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellation);
            await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            if (await command.ExecuteScalarAsync(cancellation) is true) return new SubscriptionLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock($1)", _connection) { Parameters = { new() { Value = _key } } };
            await command.ExecuteScalarAsync();
        }
        finally
        {
            // Closing returns the connection to the pool, which keeps session locks: the unlock above must come first.
            await _connection.DisposeAsync();
        }
    }

    private static long KeyOf(Guid subscriptionId)
    {
        Span<byte> bytes = stackalloc byte[16];
        subscriptionId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(SHA256.HashData(bytes));
    }
}
