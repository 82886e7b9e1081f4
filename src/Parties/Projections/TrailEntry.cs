using System.Collections.Immutable;
using JasperFx.Events;
using Parties.Erasure;

namespace Parties.Projections;

public enum AuditAction { Create, Update, Delete, Erase, Merge, Unmerge }

/// <summary>
/// One write to a party as its history shows it, read straight from the event: when, who (user and key), through which
/// dialect and request, what the write meant, and each field's old and new value (no old value on a creation).
/// </summary>
/// <param name="Erased">The personal values of this entry were erased (they read null), or the entry is the erasure.</param>
/// <param name="Reason">The erasure's reason; null on other entries.</param>
public sealed record TrailEntry(long Sequence, Guid Id, Guid PartyId, long Version, DateTimeOffset Timestamp, string? UserId,
    string? ApiKeyId, string? Dialect, string? RequestId, AuditAction Action, ImmutableArray<FieldChange> Changes,
    bool Erased = false, string? Reason = null)
{
    /// <summary>The names of the fields the entry of <paramref name="e"/> lists, in its order; a creation or an update is read
    /// without serializing the values (the audit index keeps the names only).</summary>
    public static string[] ChangedFields(IEvent e) => e.Data switch
    {
        PartyRegistered registered => Erasures.RegisteredFields(registered),
        _ => [.. EventChanges.Of(e.Data).Select(c => c.Field)],
    };

    /// <summary>The entry of a party event; null for an event that is no write to a party.</summary>
    public static TrailEntry? Of(IEvent e)
    {
        AuditAction? action = e.Data switch
        {
            PartyRegistered => AuditAction.Create,
            PartyErased => AuditAction.Erase,
            PartyMerged or PartyAbsorbed => AuditAction.Merge,
            PartyUnmerged or PartyRestored => AuditAction.Unmerge,
            PartyDeactivated => AuditAction.Delete,
            // A reactivation reads as an update, as it always has in the audit query and the Vendors audit trail.
            PartyReactivated => AuditAction.Update,
            PartyChanged changed => PartyEvents.ActiveTurnedTo(changed) == false ? AuditAction.Delete : AuditAction.Update,
            _ => null,
        };
        if (action is null) return null;
        return new TrailEntry(e.Sequence, e.Id, e.StreamId, e.Version, EventTime.Of(e), e.UserName,
            e.GetHeader(ActorMetadata.ApiKeyHeader)?.ToString(), e.GetHeader(ActorMetadata.DialectHeader)?.ToString(),
            e.CorrelationId, action.Value, EventChanges.Of(e.Data), Erasures.Marked(e), (e.Data as PartyErased)?.Reason);
    }
}
