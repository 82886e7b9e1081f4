using Microsoft.OpenApi;
using Parties.Api.Auth;
using Parties.Api.Dialects.PartiesApi;
using Parties.Tenancy;

namespace Parties.Api.Dialects.History;

/// <summary>What the event store gives beyond the copied APIs: the audit query and the change feed, under <c>/api/</c>
/// (so in the Parties dialect's shapes). Time travel is a parameter of each dialect's detail read.</summary>
public static class HistoryApi
{
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    public static WebApplicationBuilder AddHistory(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FeedHighWater>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("History");
        group.MapGet("/audit/", AuditQuery.Handle).RequireCaller(Errors, Permissions.Read).WithName("audit_list")
            .DocumentQuery(("party", JsonSchemaType.String, "A party id"), ("user", JsonSchemaType.String, "The user who wrote"),
                ("field", JsonSchemaType.String, "A changed field, as this API names it (snake_case)"),
                ("dialect", JsonSchemaType.String, "parties, vendors or suppliers"),
                ("from", JsonSchemaType.String, "From this RFC 3339 time, inclusive"), ("to", JsonSchemaType.String, "Until this RFC 3339 time, exclusive"),
                ("cursor", JsonSchemaType.String, "The cursor of the previous page"),
                ("limit", JsonSchemaType.Integer, $"Entries per page, 1 to {AuditFilter.MaxLimit} (default {AuditFilter.DefaultLimit})"),
                ("format", JsonSchemaType.String, "csv for a CSV export (or Accept: text/csv)"))
            .Produces<AuditPage>().ProducesCsvToo()
            .Produces<Dictionary<string, string[]>>(400).Produces<Dictionary<string, string>>(403);
        group.MapGet("/changes/", ChangeFeed.Handle).RequireCaller(Errors, Permissions.Read).WithName("changes_list")
            .DocumentQuery(("after", JsonSchemaType.Integer, "The after of the previous answer (default 0: from the start)"),
                ("limit", JsonSchemaType.Integer, $"Items per answer, 1 to {ChangeFeed.MaxLimit} (default {ChangeFeed.DefaultLimit})"),
                ("wait", JsonSchemaType.Integer, $"Seconds to hold an empty answer for changes, 0 to {ChangeFeed.MaxWaitSeconds}"),
                ("include", JsonSchemaType.String, "party: each item also carries the party as it was at that version"))
            .Produces<ChangePage>().Produces<Dictionary<string, string[]>>(400).Produces<Dictionary<string, string>>(403);
        return app;
    }
}
