using System.Collections.Immutable;

namespace Parties;

/// <summary>What every new vendor is, whichever dialect creates it: an organization with the vendor role, owned by
/// the user who creates it, numbered with the dialect's prefix.</summary>
public static class NewVendor
{
    /// <param name="key">The key the edits are reported under (the dialect's name for the vendor as a whole).</param>
    public static ImmutableArray<PartyEdit> Edits(Guid id, string ownerId, string numberPrefix, string key) =>
    [
        new SetPartyType(key, PartyType.Organization),
        // The vendor role goes before the name edits that follow, so a taken name is reported on the name.
        new SetBuiltInRoles(key, [Roles.Vendor]),
        new SetNumber(key, Number(id, numberPrefix)),
        new SetOwner(key, ownerId),
    ];

    /// <summary>
    /// The prefix and the last 12 hex digits of the id: those are the random bits of a version 7 GUID (its first ones
    /// are the clock, shared by vendors made in the same millisecond).
    /// </summary>
    public static string Number(Guid id, string prefix) => prefix + id.ToString("N")[^12..].ToUpperInvariant();
}
