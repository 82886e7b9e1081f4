using JasperFx.Events;
using Marten.Events.Projections;

namespace Parties.Projections;

/// <summary>
/// The organization's audit query's index of writes: only what its filters and its order read (party, user, dialect,
/// changed fields, time). What an entry shows comes from its event (<see cref="TrailEntry"/>), found by the sequence
/// that is this row's id, so the row copies none of the event's values.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The event's sequence in the store.</summary>
    public long Id { get; set; }

    public Guid PartyId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public string? UserId { get; set; }
    public string? Dialect { get; set; }

    /// <summary>The changed field names, for the field filter's index.</summary>
    public string[] Fields { get; set; } = [];
}

/// <summary>
/// Kept by Marten's async daemon, after the write's transaction rather than in it: a write pays for its event and the
/// party's snapshot only. The daemon reads the events in order up to the high-water mark, so no entry is skipped, and
/// the audit query waits for it to catch up before answering (read-your-writes).
/// </summary>
public sealed partial class AuditEntryProjection : EventProjection
{
    /// <summary>The name under which the daemon records how far it has indexed.</summary>
    public static readonly string ShardName = $"{typeof(AuditEntryProjection).FullName}:All";

    public AuditEntry Create(IEvent<PartyRegistered> e) => Entry(e);

    public AuditEntry Create(IEvent<PartyChanged> e) => Entry(e);

    public AuditEntry Create(IEvent<PartyDeactivated> e) => Entry(e);

    public AuditEntry Create(IEvent<PartyReactivated> e) => Entry(e);

    public AuditEntry Create(IEvent<PartyErased> e) => Entry(e);

    public AuditEntry Create(IEvent<PartyMerged> e) => Entry(e);

    public AuditEntry Create(IEvent<PartyAbsorbed> e) => Entry(e);

    public AuditEntry Create(IEvent<PartyUnmerged> e) => Entry(e);

    public AuditEntry Create(IEvent<PartyRestored> e) => Entry(e);

    private static AuditEntry Entry(IEvent e) => new()
    {
        Id = e.Sequence, PartyId = e.StreamId, Timestamp = EventTime.Of(e), UserId = e.UserName,
        Dialect = e.GetHeader(ActorMetadata.DialectHeader)?.ToString(), Fields = TrailEntry.ChangedFields(e),
    };
}
