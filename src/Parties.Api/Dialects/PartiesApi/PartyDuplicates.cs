using System.Globalization;
using Marten;
using Parties.Api.Auth;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary><c>GET /api/parties/{id}/duplicates/?min_score=</c>: the parties that may be this one, best first.</summary>
public static class PartyDuplicates
{
    public const string MinScoreParameter = "min_score";
    public const double DefaultMinScore = 0.3;
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    public static async Task<IResult> Handle(Guid id, HttpContext http, IDocumentStore store)
    {
        var minScore = DefaultMinScore;
        if (http.Request.Query[MinScoreParameter].ToString() is { Length: > 0 } text &&
            (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out minScore) || minScore is < 0 or > 1 || double.IsNaN(minScore)))
            return Errors.BadRequest(MinScoreParameter, "Ensure this value is a number from 0 to 1.");

        await using var session = store.QuerySession(http.Caller().OrganizationId);
        var party = await session.LoadAsync<Party>(id, http.RequestAborted);
        if (party is null) return Errors.NotFound();
        if (party.MergedInto is { } survivor) return PartiesErrors.Gone(survivor);
        var candidates = await FindDuplicates.ForAsync(session, party, minScore, http.RequestAborted);
        var results = candidates.Select(c => new DuplicateResult(DuplicateParty.From(c.Party), c.Score, c.Reasons)).ToList();
        return Results.Json(new DuplicateList(results.Count, results), PartiesJson.Options);
    }
}
