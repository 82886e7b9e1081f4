using System.Collections.Immutable;

namespace Parties;

/// <summary>Who holds which number, vendor name and identifier while a batch is decided, so items see the items before them.</summary>
internal sealed class BatchHolders(PartyContext loaded)
{
    private readonly Dictionary<string, PartyRef> _numbers = new(loaded.NumberHolders);
    private readonly Dictionary<string, PartyRef> _vendorNames = new(loaded.VendorNameHolders);
    private readonly Dictionary<string, ImmutableArray<PartyRef>> _identifiers =
        loaded.IdentifierHolders is { } identifiers ? new(identifiers) : [];

    public PartyContext Current => loaded with
    {
        NumberHolders = _numbers, VendorNameHolders = _vendorNames, IdentifierHolders = _identifiers,
    };

    /// <summary>Records what a decided item now holds, and frees what it held before.</summary>
    public void Took(Guid partyId, PartyData before, PartyData after)
    {
        TookIdentifiers(partyId, before, after);
        if (before.Number != after.Number && _numbers.GetValueOrDefault(before.Number)?.Id == partyId) _numbers.Remove(before.Number);
        _numbers[after.Number] = new PartyRef(partyId, after.Name);

        var beforeKey = before.VendorNameKey;
        var afterKey = after.VendorNameKey;
        if (beforeKey == afterKey) return;
        if (beforeKey is not null && _vendorNames.GetValueOrDefault(beforeKey)?.Id == partyId) _vendorNames.Remove(beforeKey);
        if (afterKey is not null) _vendorNames[afterKey] = new PartyRef(partyId, after.Name);
    }

    // An identifier is held by every active party with that value: other holders of a value stay when one lets it go.
    private void TookIdentifiers(Guid partyId, PartyData before, PartyData after)
    {
        foreach (var field in UniqueIdentifiers.Fields)
        {
            var held = before.Active ? field.Get(before) : null;
            var holds = after.Active ? field.Get(after) : null;
            if (held == holds) continue;
            if (held is { Length: > 0 }) Update(PartyContext.IdentifierKey(field.Name, held), h => h.RemoveAll(p => p.Id == partyId));
            if (holds is { Length: > 0 }) Update(PartyContext.IdentifierKey(field.Name, holds), h => h.Add(new PartyRef(partyId, after.Name)));
        }
    }

    private void Update(string key, Func<ImmutableArray<PartyRef>, ImmutableArray<PartyRef>> change) =>
        _identifiers[key] = change(_identifiers.GetValueOrDefault(key, []));
}
