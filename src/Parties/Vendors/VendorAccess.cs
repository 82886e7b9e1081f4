using Marten.Linq.MatchesSql;

namespace Parties;

public enum VendorAccessResult { Granted, NotFound, Denied }

/// <summary>Who reads or writes a vendor: a user, and whether its role lets it see all of the organization's vendors.</summary>
public sealed record VendorCaller(string UserId, bool SeesAll);

/// <summary>
/// The one vendor policy of every dialect that speaks of vendors or suppliers: admins and bookkeepers see and change
/// all of their organization's vendors, a member only those it owns; a party without the vendor role is no vendor.
/// </summary>
public static class VendorAccess
{
    /// <param name="party">The party as loaded inside the caller's organization; null when it is not there.</param>
    public static VendorAccessResult Check(PartyData? party, VendorCaller caller) =>
        party is null || !party.HasRole(Roles.Vendor) ? VendorAccessResult.NotFound
        : caller.SeesAll || party.OwnerId == caller.UserId ? VendorAccessResult.Granted
        : VendorAccessResult.Denied;

    /// <summary>The vendors the caller may list: the same rule as <see cref="Check"/>, as a query filter (and none merged into another).</summary>
    public static IQueryable<Party> Visible(IQueryable<Party> parties, VendorCaller caller) =>
        Owned(parties.NotMerged().WhereInlined(p => p.Data.Roles.Contains(Roles.Vendor)), caller);

    /// <summary>The active ones of <see cref="Visible"/>, written as the partial index of active vendors is
    /// (<see cref="ActiveVendorNames.Filter"/>), and for callers who see all nothing else: a count of them reads that
    /// index alone.</summary>
    public static IQueryable<Party> VisibleActive(IQueryable<Party> parties, VendorCaller caller) =>
        Owned(parties.Where(p => p.MatchesSql(ActiveVendorNames.Filter)), caller);

    private static IQueryable<Party> Owned(IQueryable<Party> vendors, VendorCaller caller) =>
        caller.SeesAll ? vendors : vendors.WhereInlined(p => p.Data.OwnerId == caller.UserId);
}
