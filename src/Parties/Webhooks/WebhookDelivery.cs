namespace Parties.Webhooks;

public enum DeliveryStatus { Pending, Retrying, Delivered, Failed }

/// <summary>
/// One event owed to one subscription (a replay owes it again, as a new delivery). Deliveries of one
/// subscription and one party form a lane that goes out in the change feed's order: the lowest unfinished
/// sequence first, the others held back until it is delivered or has failed for good.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid PartyId { get; set; }
    public Guid EventId { get; set; }
    public long Sequence { get; set; }
    public string Type { get; set; } = "";
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }

    public bool Finished => Status is DeliveryStatus.Delivered or DeliveryStatus.Failed;

    /// <summary>Its attempt may be made now (a delivery waiting for a retry is not due before its time).</summary>
    public bool IsDue(DateTimeOffset now) => NextAttemptAt is null || NextAttemptAt <= now;
}
