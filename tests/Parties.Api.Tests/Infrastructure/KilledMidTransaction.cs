using Npgsql;
using Shouldly;
using static Parties.Api.Tests.Infrastructure.DatabaseWaits;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>
/// A SIGKILL of the app while a write is inside its transaction. The test holds the party table against writes, so the
/// write's transaction stops at its first snapshot row after its events are written: deterministically "in the middle".
/// </summary>
public static class KilledMidTransaction
{
    /// <param name="holder">The test's own open connection (it holds the lock, then watches the killed session end).</param>
    public static async Task KillWhileWritingAsync(AppProcess app, NpgsqlConnection holder, Func<Task<HttpResponseMessage>> write)
    {
        var transaction = await holder.BeginTransactionAsync();
        await Sql(holder, $"LOCK TABLE {PartiesStore.Schema}.mt_doc_party IN SHARE MODE", transaction);

        var request = write();
        var writer = await WaitForAsync(holder, "select pid from pg_stat_activity where datname = current_database() " +
                                                "and wait_event_type = 'Lock' and pid <> pg_backend_pid()", transaction);
        // Its transaction has written events already: it holds a write lock on the events table.
        (await Sql(holder, "select count(*) from pg_locks l join pg_class c on c.oid = l.relation " +
                           $"where l.pid = {writer} and c.relname = 'mt_events' and l.mode = 'RowExclusiveLock' and l.granted", transaction))
            .ShouldBe(1L);

        await app.KillAsync();
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        (await Should.ThrowAsync<HttpRequestException>(request)).ShouldNotBeNull();
        // PostgreSQL ends the dead client's session (and rolls its transaction back) once it runs again.
        await WaitForAsync(holder, $"select 1 where not exists (select 1 from pg_stat_activity where pid = {writer})");
    }
}
