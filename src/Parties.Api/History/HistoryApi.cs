using Microsoft.OpenApi;
using Parties.Api.Auth;
using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Hosting;
using Parties.Tenancy;

namespace Parties.Api.History;

/// <summary>What the event store gives beyond the copied APIs: the audit query and the change feed, under <c>/api/</c>
/// (so in the Parties dialect's shapes). Time travel is a parameter of each dialect's detail read.</summary>
public static class HistoryApi
{
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    public static WebApplicationBuilder AddHistory(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FeedHighWater>();
        builder.Services.AddSingleton<AuditCatchUp>();
        // Under /api/, so in the Parties dialect's snake_case.
        builder.Services.ConfigureApiDocs(o => o.NamePropertiesAs(PartiesJson.Options, typeof(HistoryApi).Namespace));
        return builder;
    }

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api")
            .WithApiTag("History", "What the event store gives beyond the copied APIs, under /api/ in the Parties dialect's " +
                "shapes: the organization's audit trail and a change feed for sync, for admins and bookkeepers. Time travel " +
                "(as_of, version) is a parameter of each dialect's detail read.")
            .WithMetadata(Errors)
            .RequireRateLimiting(RateLimits.PerKey);

        group.MapGet("/audit/", AuditQuery.Handle)
            .WithName("audit_list")
            .WithSummary("Query the audit trail")
            .WithDescription("The organization's writes, newest first, each with who made it, through which dialect and " +
                "request, and every field's old and new value; filtered by party, user, field, dialect and time, paged by " +
                "cursor, or the whole filtered trail as CSV.")
            .RequireCaller(Errors, Permissions.Read)
            .DocumentQuery(
                ("party", JsonSchemaType.String, "A party id"),
                ("user", JsonSchemaType.String, "The user who wrote"),
                ("field", JsonSchemaType.String, "A changed field, as this API names it (snake_case)"),
                ("dialect", JsonSchemaType.String, "parties, vendors or suppliers"),
                ("from", JsonSchemaType.String, "From this RFC 3339 time, inclusive"),
                ("to", JsonSchemaType.String, "Until this RFC 3339 time, exclusive"),
                ("cursor", JsonSchemaType.String, "The cursor of the previous page"),
                ("limit", JsonSchemaType.Integer, $"Entries per page, 1 to {AuditFilter.MaxLimit} (default {AuditFilter.DefaultLimit})"),
                ("format", JsonSchemaType.String, "csv for a CSV export (or Accept: text/csv)"))
            .Produces<AuditPage>()
            .ProducesCsvToo()
            .Produces<Dictionary<string, string[]>>(400)
            .Produces<Dictionary<string, string>>(403);
        group.MapGet("/changes/", ChangeFeed.Handle)
            .WithName("changes_list")
            .WithSummary("Read the change feed")
            .WithDescription("The organization's party events in global order after the given position, each change seen " +
                "exactly once when after is passed back; with wait, an empty answer is held until a change arrives.")
            .RequireCaller(Errors, Permissions.Read)
            .DocumentQuery(
                ("after", JsonSchemaType.Integer, "The after of the previous answer (default 0: from the start)"),
                ("limit", JsonSchemaType.Integer, $"Items per answer, 1 to {ChangeFeed.MaxLimit} (default {ChangeFeed.DefaultLimit})"),
                ("wait", JsonSchemaType.Integer, $"Seconds to hold an empty answer for changes, 0 to {ChangeFeed.MaxWaitSeconds}"),
                ("include", JsonSchemaType.String, "party: each item also carries the party as it was at that version"))
            .Produces<ChangePage>()
            .Produces<Dictionary<string, string[]>>(400)
            .Produces<Dictionary<string, string>>(403);
        return app;
    }
}
