using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Parties.Webhooks;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace Parties.Api.Webhooks;

/// <summary>
/// Turns committed events into deliveries. Marten's async daemon runs it (HotCold: on one node at a time) over the
/// events in sequence order, only up to the high-water mark, so no event is skipped and none that did not commit
/// is seen. Each page's deliveries, one <see cref="DrainWebhooks"/> message a subscription (Wolverine's durable outbox)
/// and the subscription's new position commit in one transaction: after a crash the page is done again, whole.
/// </summary>
public sealed class WebhookFanOut : BatchSubscription
{
    public const string Name = "WebhookFanOut";

    // Marten's default start, from the persisted progress. Not SubscribeFromPresent: it jumps to the newest event on
    // every start of the shard, not only the first, so the events a stopped or killed node had not fanned out yet
    // were never owed. A store's first start reads its history once; only events after a subscription's StartsAfter
    // are owed, so none of it is sent.
    public WebhookFanOut() : base(Name) => DaemonMemory.Limit(Options);

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, IMessageBus bus, CancellationToken cancellationToken)
    {
        var published = page.Events.Select(e => (Event: e, Type: WebhookEvents.TypeOf(e))).Where(p => p.Type is not null).ToList();
        if (published.Count == 0) return;
        var tenants = published.Select(p => p.Event.TenantId).Distinct().ToArray();
        var subscriptions = await operations.Query<WebhookSubscription>()
            .Where(s => s.IsActive && s.TenantIsOneOf(tenants)).ToListAsync(cancellationToken);
        if (subscriptions.Count == 0) return;

        var now = DateTimeOffset.UtcNow;
        var owed = new HashSet<WebhookSubscription>();
        foreach (var (e, type) in published)
        {
            foreach (var subscription in subscriptions)
            {
                if (subscription.TenantId != e.TenantId || e.Sequence <= subscription.StartsAfter || !subscription.Wants(type!)) continue;
                Deliveries.Owe(operations.ForTenant(e.TenantId), subscription.Id, e, type!, now);
                owed.Add(subscription);
            }
        }
        foreach (var subscription in owed) await Deliveries.DrainAsync(bus, subscription.TenantId!, subscription.Id);
    }
}
