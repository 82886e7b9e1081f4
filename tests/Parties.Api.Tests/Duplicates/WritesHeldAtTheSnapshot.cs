using Alba;
using Npgsql;
using Parties.Api.Tests.Infrastructure;

namespace Parties.Api.Tests.Duplicates;

/// <summary>
/// Writers that all decide before any of them commits: the test holds the party table (reads go on, no row can be
/// written) until every writer waits at its snapshot's write, then lets them go. What ends the race then is the unique
/// indexes alone.
/// </summary>
public static class WritesHeldAtTheSnapshot
{
    /// <summary>Starts one write per item, all held until each waits; their answers in the items' order.</summary>
    public static async Task<IScenarioResult[]> RunAsync<T>(string connectionString, IReadOnlyList<T> items,
        Func<T, Task<IScenarioResult>> write)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var hold = await connection.BeginTransactionAsync();
        await DatabaseWaits.Sql(connection, "lock table parties.mt_doc_party in exclusive mode", hold);
        var started = items.Select(write).ToList();
        await DatabaseWaits.WaitForAsync(connection, $"""
            select 1 where (select count(*) from pg_locks
                            where relation = 'parties.mt_doc_party'::regclass and not granted) = {items.Count}
            """, hold);
        await hold.RollbackAsync();
        return await Task.WhenAll(started);
    }
}
