using System.Collections.Concurrent;
using JasperFx.Core;
using JasperFx.Events;
using Marten;
using Parties.Webhooks;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Parties.Api.Webhooks;

/// <summary>Send what a subscription is owed and due: asked for by each fan-out page, replay and scheduled retry.</summary>
public sealed record DrainWebhooks(Guid SubscriptionId);

/// <summary>
/// Under the subscription's lock, rounds of: read the oldest unfinished deliveries, send each due lane in order (lanes
/// side by side), record every attempt and the deliveries' new states in one transaction with the retries' own
/// drains. No transaction is open while receivers answer. A drain that finds the lock taken does nothing: the holder
/// reads the deliveries again after letting go, and asks for another drain if any are due.
/// </summary>
public static class DrainWebhooksHandler
{
    private const int LanesAtOnce = 16;

    /// <summary>Rounds start until this has passed, then the next drain takes over (a handler must end within a minute).</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>A retry this close is waited for here too, in case this node's clock is behind the one that set it.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(5);

    /// <summary>A database failure is not the receiver's: the message is tried again, never dropped into the dead letters.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException().RetryWithCooldown(100.Milliseconds(), 1.Seconds())
            .Then.ScheduleRetryIndefinitely(5.Seconds(), 30.Seconds(), 2.Minutes());

    public static async Task Handle(DrainWebhooks message, IDocumentSession session, IMessageContext bus, WebhookSender sender,
        WebhookOptions options, TimeProvider clock, CancellationToken cancellation)
    {
        var started = clock.GetTimestamp();
        await using (var held = await SubscriptionLock.TryTakeAsync(session, message.SubscriptionId, cancellation))
        {
            if (held is null) return;
            while (await RoundAsync(message.SubscriptionId, session, bus, sender, options, clock, cancellation)
                   && clock.GetElapsedTime(started) < Budget)
            {
            }
        }

        var window = await DeliveryWindow.ReadAsync(session, message.SubscriptionId, cancellation);
        var now = clock.GetUtcNow();
        if (window.DueLanes(now).Count > 0) await Deliveries.DrainAsync(bus, session.TenantId, message.SubscriptionId);
        else if (window.NextRetry(now) is { } retry && retry - now < ClockSlack)
            await Deliveries.DrainAsync(bus, session.TenantId, message.SubscriptionId, retry);
    }

    /// <summary>One round; false when nothing was due.</summary>
    private static async Task<bool> RoundAsync(Guid subscriptionId, IDocumentSession session, IMessageContext bus, WebhookSender sender,
        WebhookOptions options, TimeProvider clock, CancellationToken cancellation)
    {
        var subscription = await session.LoadAsync<WebhookSubscription>(subscriptionId, cancellation);
        if (subscription is null) return false;
        var now = clock.GetUtcNow();
        var lanes = (await DeliveryWindow.ReadAsync(session, subscriptionId, cancellation)).DueLanes(now);
        if (lanes.Count == 0) return false;

        var sequences = lanes.SelectMany(lane => lane).Select(d => d.Sequence).ToArray();
        var events = (await session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(sequences)).ToListAsync(cancellation))
            .ToDictionary(e => e.Id);
        var done = new ConcurrentQueue<(WebhookDelivery Delivery, WebhookAttempt Attempt)>();
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = LanesAtOnce, CancellationToken = cancellation },
            async (lane, token) =>
            {
                foreach (var delivery in lane.TakeWhile(d => d.IsDue(now)))
                {
                    var attempt = await DeliveryAttempts.MakeAsync(delivery, subscription, events.GetValueOrDefault(delivery.EventId),
                        sender, options, clock, token);
                    done.Enqueue((delivery, attempt));
                    // A delivery still owed holds back the rest of its lane.
                    if (!delivery.Finished) break;
                }
            });

        foreach (var (delivery, attempt) in done)
        {
            session.Store(delivery);
            session.Store(attempt);
        }
        var retries = done.Select(d => d.Attempt.NextRetryAt).OfType<DateTimeOffset>()
            .Select(at => at.ToUnixTimeSeconds() + 1).Distinct();
        foreach (var second in retries)
            await Deliveries.DrainAsync(bus, session.TenantId, subscriptionId, DateTimeOffset.FromUnixTimeSeconds(second));
        await session.SaveChangesAsync(cancellation);
        return true;
    }
}
