using Npgsql;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>Plain SQL of a test's own connection: one value, and polling until a query finds a row.</summary>
public static class DatabaseWaits
{
    /// <summary>Polls a query until it returns a row; returns its first value.</summary>
    public static async Task<object> WaitForAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        for (var i = 0; i < 300; i++)
        {
            // Inside a transaction PostgreSQL keeps the first pg_stat_activity it read: drop it before each look.
            await Sql(connection, "select pg_stat_clear_snapshot()", transaction);
            if (await Sql(connection, sql, transaction) is { } value and not DBNull) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Still nothing after 30 s: {sql}");
    }

    public static async Task<object?> Sql(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync();
    }
}
