using Marten;
using Parties.Api.Auth;

namespace Parties.Api.Dialects.Vendors;

/// <summary>The vendors a caller may list or search: active parties with the vendor role, only its own for a member.</summary>
public static class VendorQueries
{
    public static IQueryable<Party> Visible(IQuerySession session, Caller caller)
    {
        var query = session.Query<Party>().Where(p => p.Data.Roles.Contains(Party.VendorRole) && p.Data.Active);
        return caller.SeesAll ? query : query.Where(p => p.Data.OwnerId == caller.UserId);
    }

    public static IQueryable<Party> NameContains(IQueryable<Party> query, string name)
    {
        var key = Party.Normalize(name)!;
        return query.Where(p => p.NameKey!.Contains(key));
    }
}
