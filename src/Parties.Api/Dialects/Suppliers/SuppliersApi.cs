using Microsoft.OpenApi;
using Parties.Api.Idempotency;
using Parties.Api.Auth;
using Parties.Api.History;
using Parties.Api.Hosting;
using Parties.Tenancy;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>The Suppliers dialect (Cin7 Core): <c>/Suppliers</c>, PascalCase, per-item batch answers.</summary>
public static class SuppliersApi
{
    private static readonly SuppliersErrors Errors = SuppliersErrors.Instance;

    /// <summary>
    /// The dialect's part of the API reference: its wire shapes named in PascalCase, and Cin7 Core's pair of
    /// headers, which the Suppliers dialect takes besides <c>Authorization: Api-Key</c>.
    /// </summary>
    public static WebApplicationBuilder AddSuppliersDialect(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureApiDocs(o => o
            .NamePropertiesAs(SuppliersJson.Options, typeof(SuppliersApi).Namespace)
            .AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Cin7AccountId"] = Header(ApiKeyAuthenticationHandler.AccountIdHeader,
                    "Suppliers dialect: the organization's accountId");
                document.Components.SecuritySchemes["Cin7ApplicationKey"] = Header(ApiKeyAuthenticationHandler.ApplicationKeyHeader,
                    "Suppliers dialect: an API key of the organization");
                return Task.CompletedTask;
            }));
        return builder;
    }

    private static OpenApiSecurityScheme Header(string name, string description) => new()
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Header,
        Name = name,
        Description = description,
    };

    public static IEndpointRouteBuilder MapSuppliersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/Suppliers")
            .WithApiTag("Suppliers", "A copy of Cin7 Core's Suppliers API (seed 004; Cin7 Core was DEAR Inventory): " +
                "PascalCase, batches of up to 100 suppliers answered item by item, Cin7's api-auth-accountid and " +
                "api-auth-applicationkey headers (or Authorization: Api-Key), and 503 at its own limit of calls a minute. " +
                "A supplier is a party with the vendor role in the other dialects.")
            .WithMetadata(Errors)
            .RequireRateLimiting(RateLimits.Suppliers);

        group.MapGet("", ReadSuppliers.List)
            .WithName("suppliers_list")
            .WithSummary("List suppliers")
            .WithDescription($"A page (page from 1, limit up to {ReadSuppliers.MaxLimit}, default {ReadSuppliers.DefaultLimit}) " +
                "of the active suppliers by name, with their total; name filters by prefix (ignoring case), modifiedSince " +
                "by the last change (UTC), and includeDeprecated adds the deprecated ones.")
            .RequireCaller(Errors, Permissions.Read)
            .Produces<SupplierListOutput>()
            .Produces<SupplierError[]>(400);
        group.MapGet("/{id}", ReadSuppliers.One)
            .WithName("suppliers_read")
            .WithSummary("Read a supplier")
            .WithDescription("One supplier, deprecated ones too; as_of or version read it as it was then. A member reads only " +
                "the suppliers it owns.")
            .RequireCaller(Errors, Permissions.Read)
            .DocumentQuery(HistoryOpenApi.PointInTime)
            .Produces<SupplierOutput>()
            .Produces<SupplierError[]>(400)
            .Produces<SupplierError[]>(404);
        group.MapPost("", WriteSuppliers.Create)
            .WithName("suppliers_create")
            .WithSummary("Create a batch of suppliers")
            .WithDescription($"Up to {WriteSuppliers.MaxBatch} suppliers, each checked on its own and all written together: the " +
                "answer is 200 with every supplier sent, in order, with its Errors and OperationStatus, so the good ones are " +
                "saved beside the failed ones.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .CappedAs(BulkConcurrency.Batch)
            .Accepts<SupplierBatchInput>("application/json")
            .Produces<SupplierBatchOutput>()
            .Produces<SupplierError[]>(400);
        group.MapPut("", WriteSuppliers.Update)
            .WithName("suppliers_update")
            .WithSummary("Update a batch of suppliers")
            .WithDescription($"Up to {WriteSuppliers.MaxBatch} suppliers found by ID, each replaced on its own (an optional " +
                "field left out is cleared; Addresses or Contacts left out are kept) and answered with its Errors and " +
                "OperationStatus. Status Deprecated deprecates a supplier.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .CappedAs(BulkConcurrency.Batch)
            .Accepts<SupplierBatchInput>("application/json")
            .Produces<SupplierBatchOutput>()
            .Produces<SupplierError[]>(400);
        return app;
    }
}
