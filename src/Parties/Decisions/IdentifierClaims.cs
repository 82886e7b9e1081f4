using System.Collections.Immutable;

namespace Parties;

/// <summary>
/// Which identifiers a write claims when the organization keeps them unique: those it gives an active party, changed from
/// the values the party had (exactly the values the decision checked for another holder). The event records the fields,
/// the <see cref="Party"/> snapshot keeps the claimed values, and a unique index per field over them ends a race between
/// two writers: the loser's commit fails and its decision, taken again, finds the winner. A value kept from before the
/// setting, or given while the setting was off, is not claimed: duplicates the setting found stay writable.
/// </summary>
public static class IdentifierClaims
{
    /// <summary>The fields claimed, in <see cref="UniqueIdentifiers.Fields"/> order; null for none.</summary>
    public static ImmutableArray<string>? Of(PartyData start, PartyData after, bool unique)
    {
        if (!unique || !after.Active) return null;
        var claimed = UniqueIdentifiers.Fields
            .Where(f => f.Get(after) is { Length: > 0 } value && value != f.Get(start))
            .Select(f => f.Name)
            .ToImmutableArray();
        return claimed.IsEmpty ? null : claimed;
    }
}
