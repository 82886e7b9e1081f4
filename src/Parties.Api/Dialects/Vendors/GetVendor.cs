using Marten;
using Parties.Api.Auth;
using Parties.Api.History;
using Parties.Api.Http;

namespace Parties.Api.Dialects.Vendors;

/// <summary><c>GET /v1.0/vendor/{vendorId}</c>, now or (<c>as_of</c>, <c>version</c>) as it was then.</summary>
public static class GetVendor
{
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    public static async Task<IResult> Handle(string vendorId, HttpContext http, IDocumentStore store)
    {
        if (!VendorLoads.TryParseId(vendorId, out var id)) return Errors.InvalidId();
        var (point, parameter, message) = PointInTime.Read(http.Request.Query);
        if (point is null) return Errors.BadRequest(parameter!, message!);
        var caller = http.Caller();
        await using var session = store.QuerySession(caller.OrganizationId);
        // Who may see the vendor is decided on the vendor as it is now; what is shown is the vendor as it was.
        var read = await VendorLoads.LoadAsync(session, caller, id, http.RequestAborted);
        if (Errors.Refusal(read.Access) is { } refusal) return refusal;
        var then = point.IsNow ? read.Party : await point.LoadAsync(session, id, http.RequestAborted);
        if (then is null || !then.Data.HasRole(Roles.Vendor)) return Errors.NotFound();
        if (then.MergedInto is { } survivor) return VendorsErrors.Merged(await VendorLoads.SurvivorAsync(session, survivor, http.RequestAborted));
        if (point.IsNow) return VendorsJson.Ok(VendorOutput.Details(then, read.Reference));
        ETags.Set(http.Response, then.Version);
        return VendorsJson.Ok(VendorOutput.Details(then, read.Reference));
    }
}
