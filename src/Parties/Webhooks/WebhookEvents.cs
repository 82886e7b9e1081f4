using System.Collections.Immutable;
using JasperFx.Events;

namespace Parties.Webhooks;

/// <summary>What an outbound consumer is told about one event: its webhook type and each changed field.</summary>
public sealed record WebhookEvent(string Type, ImmutableArray<FieldChange> Changes);

/// <summary>
/// The one place where store events become webhook types: the fan-out filters subscriptions by it, the
/// delivery body and the change feed's <c>changes</c> are built from it. A new event type gets its line here.
/// </summary>
public static class WebhookEvents
{
    public const string Created = "party.created", Updated = "party.updated",
        Deactivated = "party.deactivated", Reactivated = "party.reactivated", Merged = "party.merged", Unmerged = "party.unmerged",
        Every = "*";

    public static readonly ImmutableArray<string> Types = [Created, Updated, Deactivated, Reactivated, Merged, Unmerged];

    /// <returns>Null for an event that is not published.</returns>
    public static WebhookEvent? Of(IEvent e) => e.Data switch
    {
        PartyRegistered registered => new(Created, PartyFields.Registered(registered.Data)),
        PartyMerged or PartyAbsorbed => new(Merged, MergeTrail.Changes(e.Data)),
        PartyUnmerged or PartyRestored => new(Unmerged, MergeTrail.Changes(e.Data)),
        PartyDeactivated deactivated => new(Deactivated, deactivated.Changes),
        PartyReactivated reactivated => new(Reactivated, reactivated.Changes),
        // Streams written before the two events above recorded (de)activation as a change of the active field.
        PartyChanged changed => new(PartyEvents.ActiveTurnedTo(changed) switch
        {
            false => Deactivated,
            true => Reactivated,
            _ => Updated,
        }, changed.Changes),
        _ => null,
    };
}
