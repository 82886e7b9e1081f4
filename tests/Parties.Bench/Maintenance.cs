using Npgsql;

namespace Parties.Bench;

/// <summary>
/// PostgreSQL's own upkeep around a workload. A write workload leaves tables past autovacuum's thresholds (an ANALYZE
/// is due after a tenth of a table has changed, 100,000 rows at 1,000,000), and autovacuum starts it at its next wake-up,
/// which can fall inside the next workload's window and bill it for the CPU. So after every write workload each database
/// of the site is vacuumed and analysed (not timed), in both stages alike, and each workload's statements section says how
/// many autovacuum and autoanalyze runs ended during its window.
/// </summary>
public static class Maintenance
{
    public static async Task SettleAsync(Site site)
    {
        foreach (var database in site.Databases) await database.Cluster.ExecuteAsync(database.Name, "VACUUM (ANALYZE)");
    }

    /// <summary>Autovacuum and autoanalyze runs so far over the site's tables (pg_stat_user_tables).</summary>
    public static async Task<(long Vacuums, long Analyzes)> RunsAsync(Site site)
    {
        long vacuums = 0, analyzes = 0;
        foreach (var database in site.Databases)
        {
            await using var connection = new NpgsqlConnection(database.Cluster.ConnectionString(database.Name) + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT coalesce(sum(autovacuum_count), 0)::bigint, coalesce(sum(autoanalyze_count), 0)::bigint FROM pg_stat_user_tables",
                connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            vacuums += reader.GetInt64(0);
            analyzes += reader.GetInt64(1);
        }
        return (vacuums, analyzes);
    }
}
