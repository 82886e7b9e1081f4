using System.Text.Json;
using Marten;
using Parties.Api.Auth;
using Parties.Projections;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary><c>GET /api/parties/{id}/history/</c>: the party's writes, newest first, paginated like the list: a page is the
/// range of versions it covers, read from the party's stream (the count is the party's version).</summary>
public static class PartyHistory
{
    public static async Task<IResult> Handle(Guid id, HttpContext http, IDocumentStore store)
    {
        var (page, pageError) = Pagination.Read(http.Request);
        if (pageError is not null) return pageError;

        await using var session = store.QuerySession(http.Caller().OrganizationId);
        var party = await session.LoadAsync<Party>(id, http.RequestAborted);
        if (party is null) return PartiesErrors.Instance.NotFound();
        var newest = party.Version - (long)page!.Skip;
        var entries = newest < 1 ? [] : await PartyTrail.NewestFirstAsync(session, id, newest, page.Size, http.RequestAborted);
        return Pagination.Respond(http.Request, page, party.Version, entries.Select(Entry).ToList());
    }

    private static Dictionary<string, object?> Entry(TrailEntry entry) => new()
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
        ["erased"] = entry.Erased,
        ["reason"] = entry.Reason,
    };

    /// <summary>The party field's name as this dialect spells it (<c>mobileE164</c> is <c>mobile_e164</c>).</summary>
    public static string FieldName(string field) => field switch
    {
        PartyFields.ActiveName => "is_active",
        _ => JsonNamingPolicy.SnakeCaseLower.ConvertName(field),
    };
}
