using Parties.Reference;

namespace Parties;

/// <summary>What a decision needs besides the party: the organization's reference data and who holds the
/// numbers and vendor names the command asks for.</summary>
public sealed record PartyContext(
    ReferenceData Reference,
    IReadOnlyDictionary<string, PartyRef> NumberHolders,
    IReadOnlyDictionary<string, PartyRef> VendorNameHolders)
{
    public static PartyContext Of(ReferenceData reference) =>
        new(reference, new Dictionary<string, PartyRef>(), new Dictionary<string, PartyRef>());

    public PartyRef? HolderOfNumber(string number) => NumberHolders.GetValueOrDefault(number);

    public PartyRef? HolderOfVendorName(string? name) =>
        Party.Normalize(name) is { } key ? VendorNameHolders.GetValueOrDefault(key) : null;
}
