using Marten;

namespace Parties.Webhooks;

/// <summary>How the webhook documents are stored and indexed (each per organization, like every document).</summary>
public static class WebhookDocuments
{
    /// <summary>The partial index's predicate, written the same way in the query that must use it.</summary>
    public const string UnfinishedSql = "(data ->> 'status') = ANY (ARRAY['Pending', 'Retrying'])";

    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<WebhookSubscription>().Index(x => x.IsActive);
        // A subscription's unfinished deliveries in sequence order (the drain's window), and only those: finished ones
        // are most of the table and the drain never reads them.
        opts.Schema.For<WebhookDelivery>().Index(x => new { x.SubscriptionId, x.Sequence }, index =>
        {
            index.Name = "ix_webhook_delivery_unfinished";
            index.Predicate = UnfinishedSql;
        });
        // The deliveries list pages a subscription's attempts by id (time-ordered ids, see AttemptIds). The attempt time is
        // not indexed: the list does not read it, and Marten would index it through mt_immutable_timestamptz, a function
        // PostgreSQL plans again in every insert.
        opts.Schema.For<WebhookAttempt>().Index(x => new { x.SubscriptionId, x.Id }).Index(x => x.DeliveryId);
    }
}
