using System.Text.Json;
using Marten;
using Marten.Linq;
using Parties.Api.Auth;
using Parties.Projections;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary><c>GET /api/parties/{id}/history/</c>: the party's audit entries, newest first, paginated like the list.</summary>
public static class PartyHistory
{
    public static async Task<IResult> Handle(Guid id, HttpContext http, IDocumentStore store)
    {
        var (page, pageError) = Pagination.Read(http.Request);
        if (pageError is not null) return pageError;

        await using var session = store.QuerySession(http.Caller().OrganizationId);
        var entries = await session.Query<AuditEntry>().Stats(out var stats)
            .Where(e => e.PartyId == id)
            .OrderByDescending(e => e.Version)
            .Skip(page!.Skip).Take(page.Size)
            .ToListAsync(http.RequestAborted);
        // Every party has its creation entry: none at all means no such party in this organization.
        if (entries.Count == 0 && page.Number == 1) return PartiesErrors.Instance.NotFound();
        return Pagination.Respond(http.Request, page, stats.TotalResults, entries.Select(Entry).ToList());
    }

    private static Dictionary<string, object?> Entry(AuditEntry entry) => new()
    {
        ["version"] = entry.Version,
        ["timestamp"] = entry.Timestamp,
        ["action"] = entry.Action.ToString().ToLowerInvariant(),
        ["user"] = entry.UserId,
        ["api_key_id"] = entry.ApiKeyId,
        ["dialect"] = entry.Dialect,
        ["request_id"] = entry.RequestId,
        ["changes"] = entry.Changes.Select(c => new Dictionary<string, object?>
        {
            ["field"] = FieldName(c.Field),
            ["old"] = c.Before,
            ["new"] = c.After,
        }).ToList(),
    };

    /// <summary>The party field's name as this dialect spells it (<c>mobileE164</c> is <c>mobile_e164</c>).</summary>
    public static string FieldName(string field) => field switch
    {
        PartyFields.ActiveName => "is_active",
        _ => JsonNamingPolicy.SnakeCaseLower.ConvertName(field),
    };
}
