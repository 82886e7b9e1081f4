using System.Text.Json;
using JasperFx.Events;
using Parties.Api.Dialects.PartiesApi;
using Parties.Webhooks;

namespace Parties.Api.Webhooks;

/// <param name="Field">The field as the Parties dialect names it (snake_case), as in the audit query and the change feed.</param>
public sealed record WebhookChange(string Field, JsonElement? Old, JsonElement? New)
{
    public static IReadOnlyList<WebhookChange> From(WebhookEvent webhook) =>
        [.. webhook.Changes.Select(c => new WebhookChange(PartyHistory.FieldName(c.Field), c.Before, c.After))];
}

public sealed record WebhookActor(string? User, string? ApiKeyId, string? Dialect, string? RequestId);

/// <param name="Erased">The event's personal values were erased (they read null), or it is the erasure (<c>party.erased</c>).</param>
/// <param name="Reason">The erasure's reason; null for other events.</param>
public sealed record WebhookData(long Sequence, Guid Party, long Version, IReadOnlyList<WebhookChange> Changes, WebhookActor Actor,
    bool Erased, string? Reason);

/// <summary>What a receiver gets: the Standard Webhooks envelope (type, timestamp, data) around one event.</summary>
public sealed record WebhookBody(string Type, DateTimeOffset Timestamp, WebhookData Data)
{
    public static WebhookBody From(IEvent e, WebhookEvent webhook) => new(webhook.Type, EventTime.Of(e),
        new WebhookData(e.Sequence, e.StreamId, e.Version, WebhookChange.From(webhook),
            new WebhookActor(e.UserName, e.GetHeader(ActorMetadata.ApiKeyHeader)?.ToString(),
                e.GetHeader(ActorMetadata.DialectHeader)?.ToString(), e.CorrelationId), webhook.Erased, webhook.Reason));

    public string ToJson() => JsonSerializer.Serialize(this, PartiesJson.Options);
}
