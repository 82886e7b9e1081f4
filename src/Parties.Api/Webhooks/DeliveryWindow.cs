using Marten;
using Marten.Linq.MatchesSql;
using Parties.Webhooks;

namespace Parties.Api.Webhooks;

/// <summary>
/// The oldest unfinished deliveries of one subscription, in sequence order, cut into lanes (one a party). A window
/// read in sequence order holds every earlier unfinished delivery of each party it holds, so a lane's first delivery
/// is that party's oldest: the lane may go out only from it, and only once it is due.
/// </summary>
public sealed class DeliveryWindow
{
    public const int Size = 500;

    private DeliveryWindow(IReadOnlyList<WebhookDelivery> deliveries) => Deliveries = deliveries;

    public IReadOnlyList<WebhookDelivery> Deliveries { get; }

    public bool IsFull => Deliveries.Count == Size;

    public static async Task<DeliveryWindow> ReadAsync(IQuerySession session, Guid subscriptionId, CancellationToken cancellation) =>
        new(await session.Query<WebhookDelivery>()
            .Where(d => d.SubscriptionId == subscriptionId && d.MatchesSql(WebhookDocuments.UnfinishedSql))
            .OrderBy(d => d.Sequence).Take(Size).ToListAsync(cancellation));

    /// <summary>The lanes whose oldest delivery is due, each in sequence order.</summary>
    public IReadOnlyList<IReadOnlyList<WebhookDelivery>> DueLanes(DateTimeOffset now) =>
        [.. Deliveries.GroupBy(d => d.PartyId).Select(lane => lane.ToList()).Where(lane => lane[0].IsDue(now))];

    /// <summary>The earliest retry time of a lane that is waiting for one.</summary>
    public DateTimeOffset? NextRetry(DateTimeOffset now) => Deliveries.GroupBy(d => d.PartyId).Select(lane => lane.First())
        .Where(head => !head.IsDue(now)).Min(head => head.NextAttemptAt);
}
