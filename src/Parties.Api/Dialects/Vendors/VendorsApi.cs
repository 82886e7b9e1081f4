using Parties.Api.Auth;
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
        group.MapPost("/vendor", CreateVendor.Handle).RequireCaller(Errors, Permissions.Write).WithName("vendors_create");
        group.MapGet("/vendors", ListVendors.Handle).RequireCaller(Errors, Permissions.Read).WithName("vendors_list");
        group.MapGet("/vendor/search", SearchVendors.Handle).RequireCaller(Errors, Permissions.Read).WithName("vendors_search");
        group.MapGet("/vendor/{vendorId}", GetVendor.Handle).RequireCaller(Errors, Permissions.Read).WithName("vendors_details");
        group.MapPatch("/vendor/{vendorId}", UpdateVendor.Handle).RequireCaller(Errors, Permissions.Write).WithName("vendors_update");
        group.MapGet("/vendor/{vendorId}/audit-trail", VendorAuditTrail.Handle).RequireCaller(Errors, Permissions.Read)
            .WithName("vendors_audit_trail");
        return app;
    }
}
