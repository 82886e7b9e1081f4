using Marten.Metadata;

namespace Parties.Webhooks;

/// <summary>
/// An organization's order to push its party events to a URL. Per organization like every document; the
/// secret is kept as issued because signing needs it, and is shown only when made (creation, rotation).
/// </summary>
public sealed class WebhookSubscription : ITenanted
{
    public Guid Id { get; set; }
    public string? TenantId { get; set; }
    public string Url { get; set; } = "";

    /// <summary>Webhook types (<see cref="WebhookEvents.Types"/>), or <c>*</c> for every type.</summary>
    public string[] Events { get; set; } = [];
    public string Description { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset Created { get; set; }
    public string Secret { get; set; } = "";

    /// <summary>
    /// The highest event sequence when the subscription was made: it receives what was written after it, and
    /// what came before only on replay.
    /// </summary>
    public long StartsAfter { get; set; }

    public bool Wants(string type) => Events.Contains(WebhookEvents.Every) || Events.Contains(type);
}
