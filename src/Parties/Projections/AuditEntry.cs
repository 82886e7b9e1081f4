using System.Collections.Immutable;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Parties.Projections;

public enum AuditAction { Create, Update, Delete }

/// <summary>
/// One write to a party as auditors read it: when, who (user and key), through which dialect and request,
/// and each field's old and new value. Kept by an inline projection, in the append's transaction.
/// (No global sequence here: with Marten's quick append the database assigns it after inline projections run;
/// the change feed reads it from the events table.)
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }
    public Guid PartyId { get; set; }
    public long Version { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public string? UserId { get; set; }
    public string? ApiKeyId { get; set; }
    public string? Dialect { get; set; }
    public string? RequestId { get; set; }
    public AuditAction Action { get; set; }
    public ImmutableArray<FieldChange> Changes { get; set; } = [];

    /// <summary>The changed field names, for the field filter's index.</summary>
    public string[] Fields { get; set; } = [];
}

public sealed partial class AuditEntryProjection : EventProjection
{
    public AuditEntry Create(IEvent<PartyRegistered> e) =>
        Entry(e, AuditAction.Create, PartyFields.Diff(new PartyData(), e.Data.Data));

    public AuditEntry Create(IEvent<PartyChanged> e)
    {
        var deactivated = e.Data.Changes.Any(c => c is { Field: PartyFields.Active, After.ValueKind: System.Text.Json.JsonValueKind.False });
        return Entry(e, deactivated ? AuditAction.Delete : AuditAction.Update, e.Data.Changes);
    }

    private static AuditEntry Entry(IEvent e, AuditAction action, ImmutableArray<FieldChange> changes) => new()
    {
        Id = e.Id,
        PartyId = e.StreamId,
        Version = e.Version,
        Timestamp = EventTime.Of(e),
        UserId = e.UserName,
        ApiKeyId = e.GetHeader(ActorMetadata.ApiKeyHeader)?.ToString(),
        Dialect = e.GetHeader(ActorMetadata.DialectHeader)?.ToString(),
        RequestId = e.CorrelationId,
        Action = action,
        Changes = changes,
        Fields = changes.Select(c => c.Field).ToArray(),
    };
}
