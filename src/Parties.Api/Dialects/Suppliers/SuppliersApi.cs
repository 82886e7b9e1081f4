using Microsoft.OpenApi;
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
        var group = app.MapGroup("/Suppliers").WithTags("Suppliers").WithMetadata(Errors).RequireRateLimiting(RateLimits.Suppliers);
        group.MapGet("", ReadSuppliers.List).RequireCaller(Errors, Permissions.Read).WithName("suppliers_list")
            .Produces<SupplierListOutput>().Produces<SupplierError[]>(400);
        group.MapGet("/{id}", ReadSuppliers.One).RequireCaller(Errors, Permissions.Read).WithName("suppliers_read").DocumentQuery(HistoryOpenApi.PointInTime)
            .Produces<SupplierOutput>().Produces<SupplierError[]>(400).Produces<SupplierError[]>(404);
        group.MapPost("", WriteSuppliers.Create).RequireCaller(Errors, Permissions.Write).Idempotent(Errors).WithName("suppliers_create")
            .Accepts<SupplierBatchInput>("application/json").Produces<SupplierBatchOutput>().Produces<SupplierError[]>(400);
        group.MapPut("", WriteSuppliers.Update).RequireCaller(Errors, Permissions.Write).Idempotent(Errors).WithName("suppliers_update")
            .Accepts<SupplierBatchInput>("application/json").Produces<SupplierBatchOutput>().Produces<SupplierError[]>(400);
        return app;
    }
}
