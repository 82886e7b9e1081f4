using Parties.Api.Idempotency;
using Parties.Api.Auth;
using Parties.Api.Dialects.History;
using Parties.Api.Errors;
using Parties.Tenancy;

namespace Parties.Api.Dialects.Vendors;

/// <summary>The Vendors dialect: <c>/v1.0/</c>, camelCase, <c>{"ok":…}</c> envelopes, owner-based access.</summary>
public static class VendorsApi
{
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;
    private static int _errorsRegistered;

    public static IEndpointRouteBuilder MapVendorsApi(this IEndpointRouteBuilder app)
    {
        // Process-wide, so once even when several hosts start in one process (the tests).
        if (Interlocked.Exchange(ref _errorsRegistered, 1) == 0) ErrorHandling.Register("/v1.0/", Errors);

        var group = app.MapGroup("/v1.0").WithTags("Vendors");
        group.MapPost("/vendor", CreateVendor.Handle).RequireCaller(Errors, Permissions.Write).Idempotent(Errors).WithName("vendors_create")
            .Accepts<VendorCreateBody>("application/json").Produces<VendorsOk<VendorCreated>>(201).Produces<VendorsFailure>(400);
        group.MapGet("/vendors", ListVendors.Handle).RequireCaller(Errors, Permissions.Read).WithName("vendors_list")
            .Produces<VendorsOk<VendorList>>().Produces<VendorsFailure>(400);
        group.MapGet("/vendor/search", SearchVendors.Handle).RequireCaller(Errors, Permissions.Read).WithName("vendors_search")
            .Produces<VendorsOk<VendorSearchResult>>().Produces<VendorsFailure>(400);
        group.MapGet("/vendor/{vendorId}", GetVendor.Handle).RequireCaller(Errors, Permissions.Read).WithName("vendors_details").DocumentQuery(HistoryOpenApi.PointInTime)
            .Produces<VendorsOk<VendorDetails>>().Produces<VendorsFailure>(400).Produces<VendorsFailure>(404);
        group.MapPatch("/vendor/{vendorId}", UpdateVendor.Handle).RequireCaller(Errors, Permissions.Write).Idempotent(Errors)
            .WithName("vendors_update")
            .Accepts<VendorPatchBody>("application/json").Produces<VendorUpdateAnswer>().Produces<VendorsFailure>(400);
        group.MapGet("/vendor/{vendorId}/audit-trail", VendorAuditTrail.Handle).RequireCaller(Errors, Permissions.Read)
            .WithName("vendors_audit_trail").Produces<VendorsOk<VendorAudit>>().Produces<VendorsFailure>(400).Produces<VendorsFailure>(404);
        return app;
    }
}
