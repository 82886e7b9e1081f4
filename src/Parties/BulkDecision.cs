using System.Collections.Immutable;

namespace Parties;

/// <summary>What an atomic bulk write decided: every party as written, or the first item that failed (and nothing written).</summary>
public sealed record BulkDecision(ImmutableArray<PartySnapshot> Parties, BulkFailure? Failure)
{
    public bool Succeeded => Failure is null;

    public static BulkDecision Failed(int index, string key, EditError error) => new([], new BulkFailure(index, key, error));
}

/// <param name="Index">The item's position in the batch, from 0.</param>
/// <param name="Key">The field, as the caller's dialect names it.</param>
public sealed record BulkFailure(int Index, string Key, EditError Error);

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

        var beforeKey = VendorKey(before);
        var afterKey = VendorKey(after);
        if (beforeKey == afterKey) return;
        if (beforeKey is not null && _vendorNames.GetValueOrDefault(beforeKey)?.Id == partyId) _vendorNames.Remove(beforeKey);
        if (afterKey is not null) _vendorNames[afterKey] = new PartyRef(partyId, after.Name);
    }

    private static string? VendorKey(PartyData data) => data.HasRole(Party.VendorRole) ? Party.Normalize(data.Name) : null;
}
