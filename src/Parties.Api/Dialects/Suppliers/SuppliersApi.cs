using Parties.Api.Idempotency;
using Parties.Api.Auth;
using Parties.Api.Dialects.History;
using Parties.Api.Errors;
using Parties.Api.Hosting;
using Parties.Tenancy;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>The Suppliers dialect (Cin7 Core): <c>/Suppliers</c>, PascalCase, per-item batch answers.</summary>
public static class SuppliersApi
{
    private static readonly SuppliersErrors Errors = SuppliersErrors.Instance;

    // The error table is static (one per process) while tests build many hosts: register it once.
    static SuppliersApi() => ErrorHandling.Register("/Suppliers", Errors);

    public static IEndpointRouteBuilder MapSuppliersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/Suppliers").WithTags("Suppliers");
        group.MapGet("", ReadSuppliers.List).RequireCaller(Errors, Permissions.Read).WithName("suppliers_list")
            .Produces<SupplierListOutput>().Produces<SupplierError[]>(400);
        group.MapGet("/{id}", ReadSuppliers.One).RequireCaller(Errors, Permissions.Read).WithName("suppliers_read").DocumentQuery(HistoryOpenApi.PointInTime)
            .Produces<SupplierOutput>().Produces<SupplierError[]>(400).Produces<SupplierError[]>(404);
        group.MapPost("", WriteSuppliers.Create).RequireCaller(Errors, Permissions.Write).Idempotent(Errors).RequireRateLimiting(BulkConcurrency.BatchPolicy).WithName("suppliers_create")
            .Accepts<SupplierBatchInput>("application/json").Produces<SupplierBatchOutput>().Produces<SupplierError[]>(400);
        group.MapPut("", WriteSuppliers.Update).RequireCaller(Errors, Permissions.Write).Idempotent(Errors).RequireRateLimiting(BulkConcurrency.BatchPolicy).WithName("suppliers_update")
            .Accepts<SupplierBatchInput>("application/json").Produces<SupplierBatchOutput>().Produces<SupplierError[]>(400);
        return app;
    }
}
