using Marten;

namespace Parties.Webhooks;

/// <summary>How the webhook documents are stored and indexed (each per organization, like every document).</summary>
public static class WebhookDocuments
{
    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<WebhookSubscription>().Index(x => x.IsActive);
        // A lane's unfinished deliveries in sequence order: the hold-back check and the next one to release.
        opts.Schema.For<WebhookDelivery>().Index(x => new { x.SubscriptionId, x.PartyId, x.Sequence });
        // The deliveries list pages by attempt time within one subscription.
        opts.Schema.For<WebhookAttempt>().Index(x => new { x.SubscriptionId, x.At, x.Id }).Index(x => x.DeliveryId);
    }
}
