using Parties.Api.Idempotency;
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
        var group = app.MapGroup("/v1.0")
            .WithApiTag("Vendors", "A copy of Pazy's vendor API (seed 002, api.pazy.io/v1.0): camelCase, " +
                "answers in an {\"ok\": …} envelope, a PATCH that answers each field on its own, and a member who sees " +
                "only the vendors it owns. A vendor here is a party with the vendor role in the other dialects.")
            .WithMetadata(Errors)
            .RequireRateLimiting(RateLimits.PerKey);

        group.MapPost("/vendor", CreateVendor.Handle)
            .WithName("vendors_create")
            .WithSummary("Create a vendor")
            .WithDescription("Registers an organization with the vendor role, owned by the caller and numbered V- and 12 hex " +
                "digits of its id, and answers 201 with the new id. A duplicate name or an invalid email, phone or locality " +
                "is a 400.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<VendorCreateBody>("application/json")
            .Produces<VendorsOk<VendorCreated>>(201)
            .Produces<VendorsFailure>(400);
        group.MapGet("/vendors", ListVendors.Handle)
            .WithName("vendors_list")
            .WithSummary("List vendors")
            .WithDescription("Active vendors by name, then id, filtered by partial name, owner (userId) and exact tax ids: " +
                $"a page of limit (1 to {ListVendors.MaxLimit}, default {ListVendors.DefaultLimit}) and the nextCursor " +
                "for the page after it.")
            .RequireCaller(Errors, Permissions.Read)
            .Produces<VendorsOk<VendorList>>()
            .Produces<VendorsFailure>(400);
        group.MapGet("/vendor/search", SearchVendors.Handle)
            .WithName("vendors_search")
            .WithSummary("Search vendors by name or tax id")
            .WithDescription($"Up to {SearchVendors.MaxResults} active vendors whose name contains the given text (ignoring " +
                "case) and whose tax ids (gstNumber, panNumber) are the ones given; every filter sent must match, and at " +
                "least one is required.")
            .RequireCaller(Errors, Permissions.Read)
            .Produces<VendorsOk<VendorSearchResult>>()
            .Produces<VendorsFailure>(400);
        group.MapGet("/vendor/{vendorId}", GetVendor.Handle)
            .WithName("vendors_details")
            .WithSummary("Read a vendor")
            .WithDescription("The vendor with its owner, address, communications and custom fields; as_of or version " +
                "read it as it was then. A member reads only the vendors it owns.")
            .RequireCaller(Errors, Permissions.Read)
            .DocumentQuery(HistoryOpenApi.PointInTime)
            .Produces<VendorsOk<VendorDetails>>()
            .Produces<VendorsFailure>(400)
            .Produces<VendorsFailure>(404);
        group.MapPatch("/vendor/{vendorId}", UpdateVendor.Handle)
            .WithName("vendors_update")
            .WithSummary("Update a vendor, field by field")
            .WithDescription("Changes the fields sent in vendorData and answers 200 with an outcome for each: updated, or " +
                "why not (a duplicate name, the same value, an invalid phone, owner or custom field). One field's refusal " +
                "does not hold back the others.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<VendorPatchBody>("application/json")
            .Produces<VendorUpdateAnswer>()
            .Produces<VendorsFailure>(400);
        group.MapGet("/vendor/{vendorId}/audit-trail", VendorAuditTrail.Handle)
            .WithName("vendors_audit_trail")
            .WithSummary("Read a vendor's audit trail")
            .WithDescription("Every change to the vendor, newest first, whichever dialect made it: one item per changed " +
                "field, with who made it and the value before and after.")
            .RequireCaller(Errors, Permissions.Read)
            .Produces<VendorsOk<VendorAudit>>()
            .Produces<VendorsFailure>(400)
            .Produces<VendorsFailure>(404);
        return app;
    }
}
