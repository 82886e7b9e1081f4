using Parties.Reference;

namespace Parties;

/// <summary>What a decision needs besides the party: the organization's reference data and who holds the
/// numbers, vendor names and identifiers the command asks for.</summary>
/// <param name="IdentifierHolders">By <see cref="IdentifierKey"/>: the active party of its own holding that identifier.</param>
public sealed record PartyContext(
    ReferenceData Reference,
    IReadOnlyDictionary<string, PartyRef> NumberHolders,
    IReadOnlyDictionary<string, PartyRef> VendorNameHolders,
    IReadOnlyDictionary<string, PartyRef>? IdentifierHolders = null)
{
    public static string IdentifierKey(string field, string value) => $"{field}:{value}";

    public PartyRef? HolderOfIdentifier(string field, string value) =>
        IdentifierHolders?.GetValueOrDefault(IdentifierKey(field, value));

    public static PartyContext Of(ReferenceData reference) =>
        new(reference, new Dictionary<string, PartyRef>(), new Dictionary<string, PartyRef>());

    public PartyRef? HolderOfNumber(string number) => NumberHolders.GetValueOrDefault(number);

    public PartyRef? HolderOfVendorName(string? name) =>
        Party.Normalize(name) is { } key ? VendorNameHolders.GetValueOrDefault(key) : null;
}
