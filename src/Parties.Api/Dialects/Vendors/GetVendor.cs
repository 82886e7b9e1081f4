using Marten;
using Parties.Api.Auth;

namespace Parties.Api.Dialects.Vendors;

/// <summary><c>GET /v1.0/vendor/{vendorId}</c></summary>
public static class GetVendor
{
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    public static async Task<IResult> Handle(string vendorId, HttpContext http, IDocumentStore store)
    {
        if (!VendorReads.TryParseId(vendorId, out var id)) return Errors.InvalidId();
        var caller = http.Caller();
        await using var session = store.QuerySession(caller.OrganizationId);
        var read = await VendorReads.LoadAsync(session, caller, id, http.RequestAborted);
        return Errors.Refusal(read.Access) ?? VendorsJson.Ok(VendorOutput.Details(read.Party!, read.Reference));
    }
}
