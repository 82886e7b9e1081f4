using Marten;
using Npgsql;
using Parties.Webhooks;
using Wolverine;

namespace Parties.Api.Webhooks;

/// <summary>
/// Every half minute (and soon after start-up), asks for a drain of each subscription that has a delivery due. Drains
/// are asked for by the fan-out, replays and retries already; this is the net under them, so a request lost with a
/// node (its messages wait for Wolverine to declare the node dead, a minute or more) delays nothing for long. Every
/// replica runs it: a drain that finds another holding the subscription does nothing.
/// </summary>
public sealed class WebhookSweep(IDocumentStore store, IServiceScopeFactory scopes, TimeProvider clock, ILogger<WebhookSweep> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30), FirstAfter = TimeSpan.FromSeconds(5);

    private static readonly string DueSql = $"""
        select distinct tenant_id, (data ->> 'subscriptionId')::uuid
        from {PartiesStore.Schema}.mt_doc_webhookdelivery
        where {WebhookDocuments.UnfinishedSql} and coalesce((data ->> 'nextAttemptAt')::timestamptz, '-infinity') <= now()
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(FirstAfter, clock, stoppingToken);
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            foreach (var database in await store.Storage.AllDatabases())
            {
                try
                {
                    await SweepAsync(database.CreateConnection(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A database away for a while must not stop the host, nor the others' sweep: the next tick tries again.
                    logger.LogWarning(e, "Looking for webhook deliveries that are due in database {Database} failed", database.Id.Identity);
                }
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SweepAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var _ = connection;
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(DueSql, connection);
        var due = new List<(string Tenant, Guid Subscription)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation)) due.Add((reader.GetString(0), reader.GetGuid(1)));
        if (due.Count == 0) return;
        // Wolverine's message bus is scoped (one context a unit of work).
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        foreach (var (tenant, subscription) in due) await Deliveries.DrainAsync(bus, tenant, subscription);
    }
}
