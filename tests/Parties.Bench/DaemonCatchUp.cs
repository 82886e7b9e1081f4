using System.Diagnostics;
using Npgsql;
using Spectre.Console;

namespace Parties.Bench;

/// <summary>
/// Waits until Marten's async daemon has caught up with a database's events: every projection and subscription
/// shard's progress (<c>mt_event_progression</c>) at the last event's sequence. So what a load leaves behind (the audit
/// index of the parties just loaded, kept by the daemon) is not done during the first measured workload, in either
/// stage alike.
/// </summary>
public static class DaemonCatchUp
{
    public static async Task WaitAsync(BenchPostgres cluster, string database, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        long behind;
        try
        {
            behind = await BehindAsync(cluster, database);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return; // No events here: a baseline's database, or a pool's master.
        }
        while (behind > 0)
        {
            if (clock.Elapsed > timeout)
            {
                AnsiConsole.MarkupLine($"[yellow]{database}: the async daemon is still {behind:N0} events behind after {timeout.TotalSeconds:N0} s; " +
                                       $"measuring anyway ({Markup.Escape(await ProgressAsync(cluster, database))})[/]");
                return;
            }
            await Task.Delay(500);
            behind = await BehindAsync(cluster, database);
        }
        AnsiConsole.MarkupLine($"[grey]{database}: async daemon caught up ({clock.Elapsed.TotalSeconds:N0} s)[/]");
    }

    private static async Task<string> ProgressAsync(BenchPostgres cluster, string database)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(name || ' at ' || last_seq_id, ', ' ORDER BY name) FROM parties.mt_event_progression", connection);
        return await command.ExecuteScalarAsync() as string ?? "no progress rows";
    }

    private static async Task<long> BehindAsync(BenchPostgres cluster, string database)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT coalesce((SELECT max(seq_id) FROM parties.mt_events), 0)
                 - coalesce((SELECT min(last_seq_id) FROM parties.mt_event_progression WHERE name NOT LIKE 'HighWater%'), 0)
            """, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
