using System.Collections.Immutable;
using JasperFx.Events;
using Parties.Erasure;
using Parties.Projections;

namespace Parties.Webhooks;

/// <summary>What an outbound consumer is told about one event: its webhook type and each changed field.</summary>
/// <param name="Erased">The event's personal values were erased (they read null), or it is the erasure.</param>
/// <param name="Reason">The erasure's reason; null for other events.</param>
public sealed record WebhookEvent(string Type, ImmutableArray<FieldChange> Changes, bool Erased = false, string? Reason = null);

/// <summary>
/// The one place where store events become webhook types: the fan-out filters subscriptions by it, the
/// delivery body and the change feed's <c>changes</c> are built from it. A new event type gets its line here.
/// </summary>
public static class WebhookEvents
{
    public const string Created = "party.created", Updated = "party.updated",
        Deactivated = "party.deactivated", Reactivated = "party.reactivated", Erased = "party.erased", Merged = "party.merged",
        Unmerged = "party.unmerged", Every = "*";

    public static readonly ImmutableArray<string> Types = [Created, Updated, Deactivated, Reactivated, Erased, Merged, Unmerged];

    /// <returns>Null for an event that is not published.</returns>
    public static WebhookEvent? Of(IEvent e) => TypeOf(e) is { } type
        ? new WebhookEvent(type, EventChanges.Of(e.Data), Erasures.Marked(e), (e.Data as PartyErased)?.Reason)
        : null;

    /// <summary>The event's webhook type, without reading its changes (the fan-out needs no more); null when it is not
    /// published.</summary>
    public static string? TypeOf(IEvent e) => e.Data switch
    {
        PartyRegistered => Created,
        PartyErased => Erased,
        PartyMerged or PartyAbsorbed => Merged,
        PartyUnmerged or PartyRestored => Unmerged,
        PartyDeactivated => Deactivated,
        PartyReactivated => Reactivated,
        // Streams written before the two events above recorded (de)activation as a change of the active field.
        PartyChanged changed => PartyEvents.ActiveTurnedTo(changed) switch
        {
            false => Deactivated,
            true => Reactivated,
            _ => Updated,
        },
        _ => null,
    };
}
