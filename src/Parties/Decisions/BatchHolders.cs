namespace Parties;

/// <summary>Who holds which number and vendor name while a batch is decided, so items see the items before them.</summary>
internal sealed class BatchHolders(PartyContext loaded)
{
    private readonly Dictionary<string, PartyRef> _numbers = new(loaded.NumberHolders);
    private readonly Dictionary<string, PartyRef> _vendorNames = new(loaded.VendorNameHolders);

    public PartyContext Current => loaded with { NumberHolders = _numbers, VendorNameHolders = _vendorNames };

    /// <summary>Records what a decided item now holds, and frees what it held before.</summary>
    public void Took(Guid partyId, PartyData before, PartyData after)
    {
        if (before.Number != after.Number && _numbers.GetValueOrDefault(before.Number)?.Id == partyId) _numbers.Remove(before.Number);
        _numbers[after.Number] = new PartyRef(partyId, after.Name);

        var beforeKey = before.VendorNameKey;
        var afterKey = after.VendorNameKey;
        if (beforeKey == afterKey) return;
        if (beforeKey is not null && _vendorNames.GetValueOrDefault(beforeKey)?.Id == partyId) _vendorNames.Remove(beforeKey);
        if (afterKey is not null) _vendorNames[afterKey] = new PartyRef(partyId, after.Name);
    }
}
