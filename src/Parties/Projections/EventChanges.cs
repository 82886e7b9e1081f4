using System.Collections.Immutable;
using Parties.Erasure;

namespace Parties.Projections;

/// <summary>
/// Each field a party event changed, old and new value, as every reader of history shows them (the party's trail, the
/// audit query, the Vendors audit trail, webhooks and the change feed): a creation's set fields, an erasure's erased
/// ones, a merge's links, an edit's own changes.
/// </summary>
public static class EventChanges
{
    public static ImmutableArray<FieldChange> Of(object data) => data switch
    {
        PartyRegistered registered => Erasures.Registered(registered),
        PartyErased erased => Erasures.Changes(erased),
        PartyMerged or PartyAbsorbed or PartyUnmerged or PartyRestored => MergeTrail.Changes(data),
        PartyFieldsChanged changed => changed.Changes,
        _ => [],
    };
}
