using System.Collections.Immutable;
using Parties.Reference;

namespace Parties;

/// <summary>What a decision needs besides the party: the organization's reference data and who holds the
/// numbers, vendor names and identifiers the command asks for.</summary>
/// <param name="IdentifierHolders">By <see cref="IdentifierKey"/>: the active parties of their own holding that identifier
/// (several where the organization has duplicates from before it kept identifiers unique).</param>
public sealed record PartyContext(
    ReferenceData Reference,
    IReadOnlyDictionary<string, PartyRef> NumberHolders,
    IReadOnlyDictionary<string, PartyRef> VendorNameHolders,
    IReadOnlyDictionary<string, ImmutableArray<PartyRef>>? IdentifierHolders = null)
{
    public static string IdentifierKey(string field, string value) => $"{field}:{value}";

    /// <summary>A party other than <paramref name="except"/> holding the identifier; null for none.</summary>
    public PartyRef? HolderOfIdentifier(string field, string value, Guid except) =>
        IdentifierHolders?.GetValueOrDefault(IdentifierKey(field, value)) is { IsDefault: false } holders
            ? holders.FirstOrDefault(h => h.Id != except)
            : null;

    public static PartyContext Of(ReferenceData reference) =>
        new(reference, new Dictionary<string, PartyRef>(), new Dictionary<string, PartyRef>());

    public PartyRef? HolderOfNumber(string number) => NumberHolders.GetValueOrDefault(number);

    public PartyRef? HolderOfVendorName(string? name) =>
        Party.Normalize(name) is { } key ? VendorNameHolders.GetValueOrDefault(key) : null;
}
