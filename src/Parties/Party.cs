using JasperFx.Events;
using Parties.Erasure;

namespace Parties;

/// <summary>
/// The party aggregate, kept as an inline snapshot: loading it for a command reads one row instead of
/// replaying the stream, and it doubles as the read model the dialects list and show.
/// </summary>
public sealed class Party
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public PartyData Data { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }

    /// <summary>The party number, copied out of <see cref="Data"/> for its unique index.</summary>
    public string Number { get; set; } = "";

    /// <summary>Lower-cased vendor name, unique per organization; null for parties that are not vendors.</summary>
    public string? VendorNameKey { get; set; }

    /// <summary>Lower-cased display name for prefix searches.</summary>
    public string? NameKey { get; set; }

    /// <summary>The survivor this party was merged into; null while it is a party of its own.</summary>
    public Guid? MergedInto { get; set; }

    public static Party Create(IEvent<PartyRegistered> registered)
    {
        var at = EventTime.Of(registered);
        var party = new Party { Id = registered.Data.PartyId, CreatedAt = at };
        party.Set(registered.Data.Data, at);
        return party;
    }

    public void Apply(IEvent<PartyChanged> changed) => Change(changed, changed.Data);

    public void Apply(IEvent<PartyDeactivated> deactivated) => Change(deactivated, deactivated.Data);

    public void Apply(IEvent<PartyReactivated> reactivated) => Change(reactivated, reactivated.Data);

    public void Apply(IEvent<PartyErased> erased) =>
        Set(ErasurePlan.For(Data.PartyType, erased.Data.CustomFields).Erase(Data), EventTime.Of(erased));

    public void Apply(IEvent<PartyMerged> merged) => Change(merged, merged.Data);

    public void Apply(IEvent<PartyUnmerged> unmerged) => Change(unmerged, unmerged.Data);

    public void Apply(IEvent<PartyAbsorbed> absorbed)
    {
        MergedInto = absorbed.Data.SurvivorId;
        ModifiedAt = EventTime.Of(absorbed);
    }

    public void Apply(IEvent<PartyRestored> restored)
    {
        MergedInto = null;
        ModifiedAt = EventTime.Of(restored);
    }

    private void Change(IEvent e, PartyFieldsChanged changed) => Set(PartyFields.Apply(Data, changed.Changes), EventTime.Of(e));

    private void Set(PartyData data, DateTimeOffset at)
    {
        Data = data;
        ModifiedAt = at;
        Number = data.Number;
        NameKey = Normalize(data.Name);
        VendorNameKey = data.VendorNameKey;
    }

    public static string? Normalize(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim().ToLowerInvariant();
}
