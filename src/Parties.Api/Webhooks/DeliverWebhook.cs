using JasperFx.Core;
using Marten;
using Parties.Webhooks;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Parties.Api.Webhooks;

/// <summary>Attempt a delivery now (or release it to wait behind its lane's earlier events).</summary>
public sealed record DeliverWebhook(Guid DeliveryId);

/// <summary>
/// One attempt of one delivery, in one transaction: the lane's advisory lock (so one attempt per subscription and
/// party at a time, on whichever node), the attempt's record, the delivery's new state and the next message
/// (its retry, scheduled, or the lane's next delivery) commit together with Wolverine's outbox.
/// </summary>
public static class DeliverWebhookHandler
{
    private static readonly TimeSpan LaneBusyDelay = TimeSpan.FromSeconds(1);

    /// <summary>A database failure is not the receiver's: the message is tried again, never dropped into the dead letters.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException().RetryWithCooldown(100.Milliseconds(), 1.Seconds())
            .Then.ScheduleRetryIndefinitely(5.Seconds(), 30.Seconds(), 2.Minutes());

    public static async Task Handle(DeliverWebhook message, IDocumentSession session, IMessageContext bus, WebhookSender sender,
        WebhookOptions options, TimeProvider clock, CancellationToken cancellation)
    {
        var delivery = await session.LoadAsync<WebhookDelivery>(message.DeliveryId, cancellation);
        if (delivery is null || delivery.Finished) return;

        await session.BeginTransactionAsync(cancellation);
        var locked = await session.QueryAsync<bool>("select pg_try_advisory_xact_lock(?)", cancellation, delivery.LaneKey());
        if (!locked[0])
        {
            await Schedule(bus, session.TenantId, message, clock.GetUtcNow() + LaneBusyDelay);
            return;
        }
        // Read again under the lock: the node that held it may have just finished this one.
        delivery = await session.LoadAsync<WebhookDelivery>(message.DeliveryId, cancellation);
        var now = clock.GetUtcNow();
        if (delivery is null || delivery.Finished || delivery.NextAttemptAt > now) return;
        // An earlier event of this lane is still owed: it goes first, and releases this one when it is done.
        if (await Lane(session, delivery).AnyAsync(d => d.Sequence < delivery.Sequence, cancellation)) return;

        var subscription = await session.LoadAsync<WebhookSubscription>(delivery.SubscriptionId, cancellation);
        if (subscription is null) return;
        var e = await session.Events.LoadAsync(delivery.EventId, cancellation);
        var webhook = e is null ? null : WebhookEvents.Of(e);

        var attempt = new WebhookAttempt
        {
            Id = Guid.CreateVersion7(now), SubscriptionId = delivery.SubscriptionId, DeliveryId = delivery.Id, EventId = delivery.EventId,
            Sequence = delivery.Sequence, PartyId = delivery.PartyId, Type = delivery.Type, Attempt = delivery.Attempts + 1, At = now,
        };
        delivery.Attempts++;
        if (!subscription.IsActive) Fail(attempt, "The subscription is inactive.");
        else if (webhook is null) Fail(attempt, "The event is no longer in the store.");
        else
        {
            var result = await sender.SendAsync(subscription.Url, subscription.Secret, delivery.EventId,
                WebhookBody.From(e!, webhook).ToJson(), cancellation);
            attempt.StatusCode = result.StatusCode;
            attempt.Error = result.Error;
            attempt.DurationMs = Math.Round(result.Duration.TotalMilliseconds, 1);
            attempt.Outcome = result.Succeeded ? AttemptOutcome.Delivered
                : result.Retryable && options.RetryAfter(attempt.Attempt) is not null ? AttemptOutcome.Retrying
                : AttemptOutcome.Failed;
        }

        if (attempt.Outcome == AttemptOutcome.Retrying)
        {
            attempt.NextRetryAt = clock.GetUtcNow() + options.RetryAfter(attempt.Attempt)!.Value;
            delivery.Status = DeliveryStatus.Retrying;
            delivery.NextAttemptAt = attempt.NextRetryAt;
            await Schedule(bus, session.TenantId, message, attempt.NextRetryAt.Value);
        }
        else
        {
            delivery.Status = attempt.Outcome == AttemptOutcome.Delivered ? DeliveryStatus.Delivered : DeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            var next = await Lane(session, delivery).Where(d => d.Sequence >= delivery.Sequence && d.Id != delivery.Id && d.Status == DeliveryStatus.Pending)
                .OrderBy(d => d.Sequence).FirstOrDefaultAsync(cancellation);
            if (next is not null) await bus.PublishAsync(new DeliverWebhook(next.Id), new DeliveryOptions { TenantId = session.TenantId });
        }
        session.Store(delivery);
        session.Store(attempt);
    }

    private static void Fail(WebhookAttempt attempt, string error)
    {
        attempt.Error = error;
        attempt.Outcome = AttemptOutcome.Failed;
    }

    /// <summary>The unfinished deliveries of the delivery's subscription and party.</summary>
    private static IQueryable<WebhookDelivery> Lane(IQuerySession session, WebhookDelivery delivery) =>
        session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == delivery.SubscriptionId && d.PartyId == delivery.PartyId
            && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Retrying));

    private static ValueTask Schedule(IMessageContext bus, string tenantId, DeliverWebhook message, DateTimeOffset at) =>
        bus.PublishAsync(message, new DeliveryOptions { TenantId = tenantId, ScheduledTime = at });
}
