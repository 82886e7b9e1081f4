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
            .Produces<AuditPage>().Produces<string>(200, "text/csv")
            .Produces<Dictionary<string, string[]>>(400).Produces<Dictionary<string, string>>(403);
        group.MapGet("/changes/", ChangeFeed.Handle).RequireCaller(Errors, Permissions.Read).WithName("changes_list")
            .Produces<ChangePage>().Produces<Dictionary<string, string[]>>(400).Produces<Dictionary<string, string>>(403);
        return app;
    }
}
