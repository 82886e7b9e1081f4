using Marten;
using Microsoft.Extensions.Options;
using Parties.Idempotency;

namespace Parties.Api.Idempotency;

/// <summary>
/// Deletes idempotency records older than their window, every <c>Parties:Idempotency:PurgeEvery</c> (default an hour),
/// so the table holds about one window of keys. Correctness does not depend on it (an expired record is treated as
/// absent); every replica runs it, and deleting by age is harmless to repeat.
/// </summary>
public sealed class IdempotencyRecordPurge(IDocumentStore store, IOptions<IdempotencyOptions> options, TimeProvider clock,
    ILogger<IdempotencyRecordPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var window = options.Value.Window;
        using var timer = new PeriodicTimer(options.Value.PurgeEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeAsync(clock.GetUtcNow() - window, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database away for a while must not stop the host: the next tick tries again.
                logger.LogWarning(e, "Purging expired idempotency records failed");
            }
        }
    }

    /// <summary>Every database of the store (one, or each of the pool), each on its own.</summary>
    private async Task PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellation)
    {
        foreach (var database in await store.Storage.AllDatabases())
        {
            try
            {
                await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForDatabase(database));
                session.DeleteWhere<IdempotencyRecord>(r => r.AnyTenant() && r.CreatedAt < cutoff);
                await session.SaveChangesAsync(cancellation);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Purging expired idempotency records of database {Database} failed", database.Id.Identity);
            }
        }
    }
}
