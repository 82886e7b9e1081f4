using Parties.Api.Auth;
using Parties.Api.History;
using Parties.Api.Hosting;
using Parties.Tenancy;

namespace Parties.Api.Dialects.Vendors;

/// <summary>The Vendors dialect: <c>/v1.0/</c>, camelCase, <c>{"ok":…}</c> envelopes, owner-based access.</summary>
public static class VendorsApi
{
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    /// <summary>The dialect's part of the API reference: its wire shapes named in camelCase.</summary>
    public static WebApplicationBuilder AddVendorsDialect(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureApiDocs(o => o.NamePropertiesAs(VendorsJson.Options, typeof(VendorsApi).Namespace));
        return builder;
    }

    public static IEndpointRouteBuilder MapVendorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1.0").WithTags("Vendors").WithMetadata(Errors).RequireRateLimiting(RateLimits.PerKey);
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
            .WithName("vendors_audit_trail").Produces<VendorsOk<VendorAudit>>().Produces<VendorsFailure>(404);
        return app;
    }
}
