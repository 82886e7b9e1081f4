using Npgsql;

namespace Parties.Bench;

/// <summary>What one database has done so far: statements run (pg_stat_statements, less the DISCARD ALL, BEGIN and
/// COMMIT that Npgsql sends along with the next statement), transactions committed, and the cluster's WAL position.</summary>
public sealed record DatabaseCounters(long Statements, long Commits, long WalBytes)
{
    public static async Task<DatabaseCounters> ReadAsync(BenchPostgres postgres, string database)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        // Commit counts reach pg_stat_database within a second of the transaction; the caller waits for that.
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT coalesce(sum(s.calls), 0)::bigint FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1
                      AND s.query NOT IN ('DISCARD ALL', 'BEGIN', 'COMMIT', 'ROLLBACK')),
                   (SELECT xact_commit FROM pg_stat_database WHERE datname = $1),
                   (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DatabaseCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>The statements run most often since the last reset, with calls and mean time: where a workload's time goes.</summary>
    public static async Task<IReadOnlyList<string>> TopStatementsAsync(BenchPostgres postgres, string database, long requests)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT s.calls, s.total_exec_time, s.rows, left(regexp_replace(s.query, '\s+', ' ', 'g'), 300)
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1
            ORDER BY s.total_exec_time DESC LIMIT 12
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add($"{reader.GetInt64(0) / (double)requests,6:0.00}/req {reader.GetDouble(1) / reader.GetInt64(0),8:0.000} ms  {reader.GetString(3)}");
        return lines;
    }

    public static async Task ResetStatementsAsync(BenchPostgres postgres) =>
        await postgres.ExecuteAsync("postgres", "SELECT pg_stat_statements_reset()");

    /// <summary>The site's databases summed; WAL once per cluster.</summary>
    public static async Task<DatabaseCounters> ReadAsync(Site site)
    {
        var total = new DatabaseCounters(0, 0, 0);
        var walRead = new HashSet<BenchPostgres>();
        foreach (var database in site.Databases)
        {
            var counters = await ReadAsync(database.Cluster, database.Name);
            total = new DatabaseCounters(total.Statements + counters.Statements, total.Commits + counters.Commits,
                total.WalBytes + (walRead.Add(database.Cluster) ? counters.WalBytes : 0));
        }
        return total;
    }

    public static async Task<IReadOnlyList<string>> TopStatementsAsync(Site site, long requests)
    {
        var lines = new List<string>();
        foreach (var database in site.Databases)
        {
            if (site.Databases.Count > 1) lines.Add($"# {database.Name}");
            lines.AddRange(await TopStatementsAsync(database.Cluster, database.Name, requests));
        }
        return lines;
    }

    public static async Task ResetStatementsAsync(Site site)
    {
        foreach (var cluster in site.Clusters) await ResetStatementsAsync(cluster);
    }

    public static DatabaseCounters operator -(DatabaseCounters after, DatabaseCounters before) =>
        new(after.Statements - before.Statements, after.Commits - before.Commits, after.WalBytes - before.WalBytes);
}
