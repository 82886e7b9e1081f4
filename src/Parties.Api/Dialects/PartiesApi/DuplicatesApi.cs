using Parties.Api.Auth;
using Parties.Api.Hosting;
using Parties.Tenancy;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary>The organization's groups of likely duplicates, under <c>/api/duplicates/</c> in the Parties dialect's shapes.</summary>
public static class DuplicatesApi
{
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    public static IEndpointRouteBuilder MapDuplicatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/duplicates")
            .WithApiTag("Duplicates", "Parties that are likely the same, across the organization: groups of active parties " +
                "sharing an exact key. A party's own candidates, with a score and the reasons, are at /api/parties/{id}/duplicates/; " +
                "merging them is /api/parties/{id}/merge/.")
            .WithMetadata(Errors)
            .RequireRateLimiting(RateLimits.PerKey)
            .MapGet("/", DuplicateGroups.Handle)
            .WithName("duplicates_list")
            .WithSummary("List groups of duplicate parties")
            .WithDescription("A DRF page of groups {key, reason, parties} of the organization's active parties that share an " +
                "identifier (same_national_code, same_economic_code, same_registration_number), the E.164 mobile (same_mobile), " +
                "the email (same_email) or the normalized name (same_name); reason picks one kind.")
            .RequireCaller(Errors, Permissions.Read)
            .Produces<Page<DuplicateGroup>>()
            .Produces<Dictionary<string, string[]>>(400);
        return app;
    }
}
