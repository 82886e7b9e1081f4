using System.Globalization;
using Marten;
using Marten.Linq.MatchesSql;
using Parties.Api.Auth;
using Parties.Api.Http;

namespace Parties.Api.Dialects.Vendors;

/// <summary>
/// <c>GET /v1.0/vendors</c>: active vendors by name (then id), filtered by partial name, owner and tax ids,
/// a page of <c>limit</c> (1–100, default 20) with an opaque <c>nextCursor</c>. A member sees only its own.
/// </summary>
public static class ListVendors
{
    public const int DefaultLimit = 20, MaxLimit = 100;
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    // Marten's own names for the document alias and Party.NameKey's column; coalesced so unnamed vendors sort first.
    private const string SortKey = $"coalesce(d.{PartyColumns.NameKey}, '')";

    public static async Task<IResult> Handle(HttpContext http, IDocumentStore store, string? name = null, string? userId = null,
        string? gstNumber = null, string? panNumber = null, string? limit = null, string? cursor = null)
    {
        // Sent empty (?limit=) is not an integer; only an absent limit takes the default.
        if (limit == "" || !QueryNumbers.TryRange(limit, 1, MaxLimit, DefaultLimit, out var size, NumberStyles.Integer))
            return Errors.BadRequest("/limit", $"must be an integer from 1 to {MaxLimit}");
        VendorCursor? after = null;
        if (!string.IsNullOrEmpty(cursor) && !VendorCursor.TryDecode(cursor, out after))
            return Errors.BadRequest("/cursor", "must be a cursor returned as nextCursor");

        var caller = http.Caller();
        await using var session = store.QuerySession(caller.OrganizationId);
        var query = VendorLoads.Visible(session, caller);
        if (!string.IsNullOrWhiteSpace(name)) query = VendorLoads.NameContains(query, name);
        if (!string.IsNullOrWhiteSpace(userId)) query = query.WhereInlined(p => p.Data.OwnerId == userId.Trim());
        if (!string.IsNullOrWhiteSpace(gstNumber)) query = query.WhereInlined(p => p.Data.EconomicCode == gstNumber.Trim());
        if (!string.IsNullOrWhiteSpace(panNumber)) query = query.WhereInlined(p => p.Data.NationalCode == panNumber.Trim());
        if (after is not null) query = query.WhereInlined(p => p.MatchesSql($"({SortKey}, d.id) > (?, ?)", after.NameKey, after.Id));

        var page = await query.OrderBySql($"{SortKey}, d.id").Take(size + 1).ToListAsync(http.RequestAborted);
        var reference = await VendorLoads.ReferenceAsync(session, http.RequestAborted);
        var vendors = page.Take(size).ToList();
        var next = page.Count > size ? new VendorCursor(vendors[^1].NameKey ?? "", vendors[^1].Id).Encode() : null;
        return VendorsJson.Ok(new VendorList([.. vendors.Select(v => VendorOutput.ListItem(v, reference))], next));
    }
}
