using System.Globalization;
using Marten;
using Marten.Linq.MatchesSql;
using Parties.Api.Auth;
using Parties.Api.History;
using Parties.Api.Http;

namespace Parties.Api.Dialects.Suppliers;

/// <summary><c>GET /Suppliers</c> (page, limit, name, modifiedSince, includeDeprecated) and <c>GET /Suppliers/{id}</c>.
/// Admins and bookkeepers see all of the organization's suppliers, a member the ones it owns.</summary>
public static class ReadSuppliers
{
    public const int DefaultLimit = 100, MaxLimit = 1000;
    private static readonly SuppliersErrors Errors = SuppliersErrors.Instance;

    public static async Task<IResult> List(HttpContext http, IDocumentStore store)
    {
        var query = http.Request.Query;
        if (!QueryNumbers.TryRange(query["page"], 1, int.MaxValue, 1, out var page))
            return Errors.BadRequest("page", "Page must be a whole number from 1.");
        if (!QueryNumbers.TryRange(query["limit"], 1, MaxLimit, DefaultLimit, out var limit))
            return Errors.BadRequest("limit", $"Limit must be a whole number from 1 to {MaxLimit}.");
        if (!Flag(query["includeDeprecated"], out var includeDeprecated))
            return Errors.BadRequest("includeDeprecated", "IncludeDeprecated must be true, false, 1 or 0.");
        DateTimeOffset? modifiedSince = null;
        if (query["modifiedSince"].ToString() is { Length: > 0 } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since))
                return Errors.BadRequest("modifiedSince", "ModifiedSince must be a date and time (UTC), e.g. 2024-05-01T08:30:00Z.");
            modifiedSince = since;
        }
        var name = Party.Normalize(query["name"].ToString());

        var caller = http.Caller();
        await using var session = store.QuerySession(caller.OrganizationId);
        IQueryable<Party> Matching() => ReadSuppliers.Matching(session, caller.AsVendorCaller(), includeDeprecated, name, modifiedSince);

        // A page whose offset does not fit PostgreSQL's OFFSET as Marten computes it (an int) is past the end anyway.
        // The page is fetched on its own (no count riding on it: a window count makes PostgreSQL read and sort every
        // match); the total is counted apart, at a bounded cost.
        var found = (long)(page - 1) * limit > int.MaxValue
            ? []
            : await Matching().OrderBySql(ActiveVendorNames.Order).Skip((page - 1) * limit).Take(limit).ToListAsync(http.RequestAborted);
        var total = await SupplierTotal.CountAsync(session, Matching(),
            CountsFromIndexAlone(caller.AsVendorCaller(), includeDeprecated, modifiedSince), http.RequestAborted);
        var output = new SupplierListOutput(total, page, [.. found.Select(p => SupplierOutput.From(PartySnapshot.Of(p)))]);
        return Results.Json(output, SuppliersJson.Options);
    }

    /// <summary>The suppliers a list answers from, before its order and page.</summary>
    public static IQueryable<Party> Matching(IQuerySession session, VendorCaller caller, bool includeDeprecated, string? name,
        DateTimeOffset? modifiedSince)
    {
        var suppliers = includeDeprecated
            ? VendorAccess.Visible(session.Query<Party>(), caller)
            : VendorAccess.VisibleActive(session.Query<Party>(), caller);
        if (name is not null) suppliers = NamePrefix.Matching(suppliers, name);
        if (modifiedSince is { } after) suppliers = suppliers.Where(p => p.ModifiedAt >= after);
        return suppliers;
    }

    /// <summary>Whether <see cref="Matching"/> names only the columns of the active vendors' partial index: active suppliers
    /// of a caller who sees them all, by name prefix or not, and no other filter (a member's owner and
    /// <c>modifiedSince</c> are fields of the document).</summary>
    public static bool CountsFromIndexAlone(VendorCaller caller, bool includeDeprecated, DateTimeOffset? modifiedSince) =>
        !includeDeprecated && caller.SeesAll && modifiedSince is null;

    /// <summary>One supplier, deprecated ones too; anything else (another organization's, not a vendor, for a member
    /// another user's) does not exist.</summary>
    public static async Task<IResult> One(string id, HttpContext http, IDocumentStore store)
    {
        if (!Guid.TryParse(id, out var partyId)) return Errors.NotFound();
        var (point, parameter, message) = PointInTime.Read(http.Request.Query);
        if (point is null) return Errors.BadRequest(parameter!, message!);
        var caller = http.Caller();
        await using var session = store.QuerySession(caller.OrganizationId);
        var party = await session.LoadAsync<Party>(partyId, http.RequestAborted);
        if (VendorAccess.Check(party?.Data, caller.AsVendorCaller()) != VendorAccessResult.Granted) return Errors.NotFound();
        // Who may see the supplier is decided on it as it is now; what is shown is the supplier as it was.
        var then = point.IsNow ? party : await point.LoadAsync(session, partyId, http.RequestAborted);
        if (then is null || !then.Data.HasRole(Roles.Vendor)) return Errors.NotFound();
        if (then.MergedInto is { } survivor) return SuppliersErrors.Merged(survivor);
        if (point.IsNow) return Results.Json(SupplierOutput.From(PartySnapshot.Of(then)), SuppliersJson.Options);
        ETags.Set(http.Response, then.Version);
        return Results.Json(SupplierOutput.From(PartySnapshot.Of(then)), SuppliersJson.Options);
    }

    private static bool Flag(string? text, out bool value)
    {
        value = text is not null && (text == "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase));
        return value || string.IsNullOrEmpty(text) || text == "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }
}
