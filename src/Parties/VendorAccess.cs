namespace Parties;

public enum VendorAccessResult { Granted, NotFound, Denied }

/// <summary>Who may see and change a vendor: admins and bookkeepers any of their organization's, members only their own.</summary>
public static class VendorAccess
{
    /// <param name="party">The party as loaded inside the caller's organization; null when it is not there.</param>
    public static VendorAccessResult Check(PartyData? party, string userId, bool seesAll) =>
        party is null || !party.HasRole(Party.VendorRole) ? VendorAccessResult.NotFound
        : seesAll || party.OwnerId == userId ? VendorAccessResult.Granted
        : VendorAccessResult.Denied;
}
