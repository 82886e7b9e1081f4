using Marten;
using Parties.Api.Auth;

namespace Parties.Api.Dialects.Vendors;

/// <summary><c>GET /v1.0/vendor/search</c>: up to 20 vendors by partial name and/or exact tax id (all given must match).</summary>
public static class SearchVendors
{
    public const int MaxResults = 20;
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    public static async Task<IResult> Handle(HttpContext http, IDocumentStore store, string? name = null, string? gstNumber = null,
        string? panNumber = null)
    {
        if (string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(gstNumber) && string.IsNullOrWhiteSpace(panNumber))
            return Errors.BadRequest("/", "must have at least one of name, gstNumber, panNumber");

        var caller = http.Caller();
        await using var session = store.QuerySession(caller.OrganizationId);
        var query = VendorLoads.Visible(session, caller);
        if (!string.IsNullOrWhiteSpace(name)) query = VendorLoads.NameContains(query, name);
        if (!string.IsNullOrWhiteSpace(gstNumber)) query = query.WhereInlined(p => p.Data.EconomicCode == gstNumber.Trim());
        if (!string.IsNullOrWhiteSpace(panNumber)) query = query.WhereInlined(p => p.Data.NationalCode == panNumber.Trim());

        var found = await query.OrderBy(p => p.NameKey).ThenBy(p => p.Id).Take(MaxResults).ToListAsync(http.RequestAborted);
        return VendorsJson.Ok(new VendorSearchResult(
            [.. found.Select(p => new VendorSearchHit(p.Id, p.Data.Name, p.Data.EconomicCode, p.Data.NationalCode))]));
    }
}
