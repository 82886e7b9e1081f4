namespace Parties.Webhooks;

public enum AttemptOutcome { Delivered, Retrying, Failed }

/// <summary>One try to deliver an event to a subscription's URL, as the deliveries list shows it.</summary>
public sealed class WebhookAttempt
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid DeliveryId { get; set; }
    public Guid EventId { get; set; }
    public long Sequence { get; set; }
    public Guid PartyId { get; set; }
    public string Type { get; set; } = "";
    public int Attempt { get; set; }
    public DateTimeOffset At { get; set; }
    public double DurationMs { get; set; }

    /// <summary>The receiver's HTTP status; null when there was no answer (see <see cref="Error"/>).</summary>
    public int? StatusCode { get; set; }

    /// <summary>Why there was no usable answer: a network error, the timeout, a refused target.</summary>
    public string? Error { get; set; }
    public AttemptOutcome Outcome { get; set; }
    public DateTimeOffset? NextRetryAt { get; set; }
}
