using Parties.Api.Http;
using System.Globalization;
using Marten;
using Marten.Linq.MatchesSql;
using Parties.Api.Auth;
using Parties.Api.Dialects;
using Parties.Api.Dialects.PartiesApi;
using Parties.Webhooks;

namespace Parties.Api.Webhooks;

/// <summary>
/// <c>GET /api/webhooks/{id}/deliveries/?status=&amp;after=&amp;limit=</c>: every attempt of the subscription's
/// deliveries, oldest first (attempt ids are time-ordered, so <c>after</c> is the last id read).
/// </summary>
public static class WebhookAttempts
{
    public const int DefaultLimit = 100, MaxLimit = 1000;

    public static async Task<IResult> Handle(Guid id, HttpContext http, IDocumentStore store)
    {
        var query = http.Request.Query;
        AttemptOutcome? status = null;
        if (query["status"].ToString() is { Length: > 0 } statusText)
        {
            if (!Enum.TryParse<AttemptOutcome>(statusText, ignoreCase: true, out var parsed) || !statusText.All(char.IsLower))
                return PartiesErrors.Instance.BadRequest("status", "Select a valid choice: delivered, retrying or failed.");
            status = parsed;
        }
        Guid? after = null;
        if (query["after"].ToString() is { Length: > 0 } afterText)
        {
            if (!Guid.TryParse(afterText, out var parsed)) return PartiesErrors.Instance.BadRequest("after", "Must be an attempt id.");
            after = parsed;
        }
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            return PartiesErrors.Instance.BadRequest("limit", $"Ensure this value is a whole number from 1 to {MaxLimit}.");

        await using var session = store.QuerySession(http.Caller().OrganizationId);
        if (await session.LoadAsync<WebhookSubscription>(id, http.RequestAborted) is null) return PartiesErrors.Instance.NotFound();
        var attempts = session.Query<WebhookAttempt>().Where(a => a.SubscriptionId == id);
        if (status is { } wanted) attempts = attempts.Where(a => a.Outcome == wanted);
        if (after is { } cursor) attempts = attempts.Where(a => a.MatchesSql("d.id > ?", cursor));
        var page = await attempts.OrderBy(a => a.Id).Take(limit).ToListAsync(http.RequestAborted);
        var next = page.Count == limit ? http.Request.WithQuery("after", page[^1].Id.ToString()) : null;
        return Results.Json(new AttemptPage(next, [.. page.Select(AttemptItem.From)]), PartiesJson.Options);
    }
}
