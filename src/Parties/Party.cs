using System.Collections.Immutable;
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

    /// <summary>The national code this party claimed (<see cref="IdentifierClaims"/>), unique per organization; null when unclaimed.</summary>
    public string? NationalCodeClaim { get; set; }

    /// <summary>The economic code this party claimed, unique per organization; null when unclaimed.</summary>
    public string? EconomicCodeClaim { get; set; }

    /// <summary>The registration number this party claimed, unique per organization; null when unclaimed.</summary>
    public string? RegistrationNumberClaim { get; set; }

    public static Party Create(IEvent<PartyRegistered> registered)
    {
        var at = EventTime.Of(registered);
        var party = new Party { Id = registered.Data.PartyId, CreatedAt = at };
        party.Set(registered.Data.Data, at);
        party.Claim(registered.Data.Claims, UniqueIdentifiers.Fields.Select(f => f.Name));
        return party;
    }

    public void Apply(IEvent<PartyChanged> changed) => Change(changed, changed.Data);

    public void Apply(IEvent<PartyDeactivated> deactivated) => Change(deactivated, deactivated.Data);

    public void Apply(IEvent<PartyReactivated> reactivated) => Change(reactivated, reactivated.Data);

    public void Apply(IEvent<PartyErased> erased)
    {
        Set(ErasurePlan.For(Data.PartyType, erased.Data.CustomFields).Erase(Data), EventTime.Of(erased));
        NationalCodeClaim = EconomicCodeClaim = RegistrationNumberClaim = null;
    }

    public void Apply(IEvent<PartyMerged> merged) => Change(merged, merged.Data);

    public void Apply(IEvent<PartyUnmerged> unmerged) => Change(unmerged, unmerged.Data);

    public void Apply(IEvent<PartyAbsorbed> absorbed)
    {
        MergedInto = absorbed.Data.SurvivorId;
        ModifiedAt = EventTime.Of(absorbed);
        NationalCodeClaim = EconomicCodeClaim = RegistrationNumberClaim = null;
    }

    public void Apply(IEvent<PartyRestored> restored)
    {
        MergedInto = null;
        ModifiedAt = EventTime.Of(restored);
    }

    private void Change(IEvent e, PartyFieldsChanged changed)
    {
        Set(PartyFields.Apply(Data, changed.Changes), EventTime.Of(e));
        Claim(changed.Claims, changed.Changes.Select(c => c.Field));
    }

    /// <summary>A claimed field takes the value given; a field changed without a claim, or any field of a party no longer
    /// active, holds no claim; the others keep theirs.</summary>
    private void Claim(ImmutableArray<string>? claims, IEnumerable<string> changed)
    {
        var changedFields = changed.ToHashSet();
        NationalCodeClaim = Claimed(PartyFields.NationalCode, NationalCodeClaim);
        EconomicCodeClaim = Claimed(PartyFields.EconomicCode, EconomicCodeClaim);
        RegistrationNumberClaim = Claimed(PartyFields.RegistrationNumber, RegistrationNumberClaim);

        string? Claimed(PartyField<string?> field, string? held)
        {
            if (!Data.Active || MergedInto is not null) return null;
            if (claims is { } fields && fields.Contains(field.Name)) return field.Get(Data) is { Length: > 0 } value ? value : null;
            return changedFields.Contains(field.Name) ? null : held;
        }
    }

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
