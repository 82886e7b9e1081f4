using System.Collections.Immutable;
using System.Text.Json;
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
    public AuditEntry Create(IEvent<PartyRegistered> e) => Entry(e, AuditAction.Create, PartyFields.Registered(e.Data.Data));

    public AuditEntry Create(IEvent<PartyDeactivated> e) => Entry(e, AuditAction.Delete, e.Data.Changes);

    // A reactivation reads as an update, as it always has in the audit query and the Vendors audit trail.
    public AuditEntry Create(IEvent<PartyReactivated> e) => Entry(e, AuditAction.Update, e.Data.Changes);

    public AuditEntry Create(IEvent<PartyChanged> e) => Entry(e, DeactivatedBeforeItsOwnEvent(e.Data) ? AuditAction.Delete : AuditAction.Update,
        e.Data.Changes);

    /// <summary>Streams written before <see cref="PartyDeactivated"/> existed recorded a deactivation as a change of
    /// <c>active</c> to false; a rebuild reads them as the deletes they were.</summary>
    private static bool DeactivatedBeforeItsOwnEvent(PartyChanged changed) =>
        changed.Changes.Any(c => c is { Field: PartyFields.ActiveName, After.ValueKind: JsonValueKind.False });

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
