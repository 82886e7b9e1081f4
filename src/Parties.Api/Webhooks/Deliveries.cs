using JasperFx.Events;
using Marten;
using Parties.Webhooks;
using Wolverine;

namespace Parties.Api.Webhooks;

/// <summary>Owing deliveries and asking for them to be drained, in the caller's transaction (fan-out and replay).</summary>
public static class Deliveries
{
    public static void Owe(IDocumentOperations tenantOperations, Guid subscriptionId, IEvent e, string type, DateTimeOffset now) =>
        tenantOperations.Store(new WebhookDelivery
        {
            Id = Guid.CreateVersion7(now), SubscriptionId = subscriptionId, PartyId = e.StreamId, EventId = e.Id,
            Sequence = e.Sequence, Type = type, Status = DeliveryStatus.Pending, CreatedAt = now,
        });

    /// <summary>One drain a subscription, however many deliveries it was just owed.</summary>
    public static ValueTask DrainAsync(IMessageBus bus, string tenantId, Guid subscriptionId, DateTimeOffset? at = null) =>
        bus.PublishAsync(new DrainWebhooks(subscriptionId), new DeliveryOptions { TenantId = tenantId, ScheduledTime = at });
}
