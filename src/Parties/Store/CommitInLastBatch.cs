using System.Data;
using Marten;
using Marten.Services;
using Npgsql;
using Weasel.Core;
using Weasel.Storage;
using Wolverine.Marten;

namespace Parties;

/// <summary>
/// A single write in two round trips: its reads (<c>BEGIN</c> in front) and then its statements with <c>COMMIT</c> as the
/// last one of the same batch. Marten's own lifetimes send their <c>COMMIT</c> as a message of its own after they
/// have read every statement's results; a session on a transaction it does not own
/// (<see cref="SessionOptions.ForTransaction"/>) leaves the commit to its owner, which is this class, and this class
/// queues the <c>COMMIT</c> after everything Marten queued (the events, the inline snapshot, the documents).
/// <para>
/// Safe only where no result checked by Marten after the batch can refuse the write: PostgreSQL skips every statement
/// after a failing one up to the batch's end (Npgsql sends one Sync a batch), so a unique index, Marten's stream
/// version check (raised by <c>mt_quick_append_events</c> in the database) or a lock timeout leave the transaction
/// uncommitted and it is rolled back here. A check Marten makes in .NET after the batch (a document's revision) comes
/// after the <c>COMMIT</c>: the write then throws <see cref="CommittedDespiteException"/>, so
/// such a write is never retried as if nothing happened. A create and an update write none: the snapshot of Marten's
/// inline projection is written without its revision check, and an Idempotency-Key's record has no revision.
/// </para>
/// <para>
/// Marten replays its own transactions when PostgreSQL rolls one back (a deadlock); this one is its owner's, so the
/// whole handler is run again by Wolverine's retry policy (<c>StoreRegistration</c>), from its reads.
/// </para>
/// </summary>
public sealed class CommitInLastBatch : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly IDocumentSession _session;

    private CommitInLastBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentSession session)
    {
        _connection = connection;
        _transaction = transaction;
        _session = session;
    }

    /// <summary>
    /// Runs <paramref name="decide"/> on a session of the organization's database stamped with the actor (its reads go in
    /// the first round trip, after the <c>BEGIN</c> Npgsql sends with them), applies the operations it returns, then
    /// sends them with <c>COMMIT</c> as the last statement.
    /// </summary>
    public static async Task<TDecision> WriteAsync<TDecision>(IDocumentStore store, string organizationId, Actor actor,
        Func<IDocumentSession, Task<(TDecision Decision, IEnumerable<IMartenOp> Operations)>> decide, CancellationToken cancellation)
    {
        await using var unit = await BeginAsync(store, organizationId, cancellation);
        try
        {
            ActorMetadata.Stamp(actor, unit._session);
            var (decision, operations) = await decide(unit._session);
            foreach (var operation in operations) operation.Execute(unit._session);
            await unit.SaveAndCommitAsync(cancellation);
            return decision;
        }
        catch (Exception e) when (unit._connection.State != ConnectionState.Open)
        {
            // Marten retries a read on the same transaction and then reports it completed, not the lost connection.
            throw new WriteConnectionLostException(e);
        }
    }

    private static async Task<CommitInLastBatch> BeginAsync(IDocumentStore store, string organizationId, CancellationToken cancellation)
    {
        var database = await store.Storage.FindOrCreateDatabase(organizationId);
        var connection = database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellation);
            var transaction = await connection.BeginTransactionAsync(cancellation);
            var options = SessionOptions.ForTransaction(transaction);
            options.TenantId = organizationId;
            options.Listeners.Add(CommitLast.Instance);
            return new CommitInLastBatch(connection, transaction, store.LightweightSession(options));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task SaveAndCommitAsync(CancellationToken cancellation)
    {
        try
        {
            await _session.SaveChangesAsync(cancellation);
        }
        catch (Exception e) when (Committed)
        {
            throw new CommittedDespiteException(e);
        }
        // With nothing to save no batch was sent: the transaction is still open and is rolled back on dispose.
    }

    /// <summary>
    /// The transaction ended in the batch on a connection still open: its COMMIT ran (a failed statement leaves it open,
    /// in error; a broken connection is closed). Npgsql keeps this state internal; its
    /// <see cref="NpgsqlTransaction.IsolationLevel"/> refuses a completed transaction.
    /// </summary>
    private bool Committed
    {
        get
        {
            if (_connection.State != ConnectionState.Open) return false;
            try
            {
                _ = _transaction.IsolationLevel;
                return false;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        try
        {
            // Rolls back what is still open (a failed statement, or nothing saved); a committed one has nothing left.
            await _transaction.DisposeAsync();
        }
        catch (Exception) when (_connection.State != ConnectionState.Open)
        {
            // A broken connection's transaction is rolled back by the server; the write's own failure is what counts.
        }
        await _connection.DisposeAsync();
    }

    /// <summary>Queues the COMMIT when Marten has queued everything else (events, the inline snapshot, documents).</summary>
    private sealed class CommitLast : DocumentSessionListenerBase
    {
        public static readonly CommitLast Instance = new();

        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            session.QueueOperation(CommitStatement.Instance);
            return Task.CompletedTask;
        }
    }

    private sealed class CommitStatement : Marten.Internal.Operations.IStorageOperation, NoDataReturnedCall
    {
        public static readonly CommitStatement Instance = new();

        public Type DocumentType => typeof(Party);

        public OperationRole Role() => OperationRole.Other;

        public void ConfigureCommand(Weasel.Postgresql.ICommandBuilder builder, IStorageSession session) => builder.Append("commit");

        public Task PostprocessAsync(System.Data.Common.DbDataReader reader, IList<Exception> exceptions, CancellationToken token) =>
            Task.CompletedTask;
    }
}

/// <summary>A check Marten made after the batch failed, but the batch's COMMIT had run: the write is in the database.</summary>
public sealed class CommittedDespiteException(Exception inner)
    : Exception("The write was committed, but a check after its batch failed.", inner);

/// <summary>The write's connection to PostgreSQL broke before its COMMIT was answered: "not now", like PostgreSQL down.</summary>
public sealed class WriteConnectionLostException(Exception inner)
    : Exception("The connection to PostgreSQL was lost during the write.", inner);
