using JasperFx.Events;
using Marten;
using Parties.Webhooks;
using Wolverine;

namespace Parties.Api.Webhooks;

/// <summary>Creating a delivery and its message together, in the caller's transaction (fan-out and replay).</summary>
public static class Deliveries
{
    public static async Task OweAsync(IDocumentOperations tenantOperations, IMessageBus bus, Guid subscriptionId, IEvent e, string type,
        DateTimeOffset now)
    {
        var delivery = new WebhookDelivery
        {
            Id = Guid.CreateVersion7(now), SubscriptionId = subscriptionId, PartyId = e.StreamId, EventId = e.Id,
            Sequence = e.Sequence, Type = type, Status = DeliveryStatus.Pending, CreatedAt = now,
        };
        tenantOperations.Store(delivery);
        await bus.PublishAsync(new DeliverWebhook(delivery.Id), new DeliveryOptions { TenantId = e.TenantId });
    }
}
