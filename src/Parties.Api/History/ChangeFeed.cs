using System.Globalization;
using JasperFx.Events;
using Marten;
using Parties.Api.Auth;
using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Http;

namespace Parties.Api.History;

/// <param name="Fields">The changed fields, named as in the Parties dialect.</param>
public sealed record ChangeItem(long Sequence, Guid Party, string Type, IReadOnlyList<string> Fields, DateTimeOffset Timestamp);

/// <param name="After">The cursor for the next call: pass it back as <c>after</c>.</param>
public sealed record ChangePage(long After, string Next, IReadOnlyList<ChangeItem> Results);

/// <summary>
/// <c>GET /api/changes/?after=&amp;limit=&amp;wait=</c>: the organization's party events in global order, read only
/// up to the high-water mark (see <see cref="FeedHighWater"/>), so a client that keeps passing back <c>after</c>
/// sees every change exactly once. With <c>wait</c> (seconds) an empty answer is held until something arrives.
/// Admins and bookkeepers only: the feed spans every party of the organization, and members see only their own.
/// </summary>
public static class ChangeFeed
{
    public const int DefaultLimit = 100, MaxLimit = 1000, MaxWaitSeconds = 30;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<IResult> Handle(HttpContext http, IDocumentStore store, FeedHighWater highWater)
    {
        var caller = http.Caller();
        if (!caller.SeesAll) return PartiesErrors.Instance.InsufficientPermissions();
        var query = http.Request.Query;
        if (!QueryNumbers.TryRange(query["after"], 0, long.MaxValue, 0, out var after))
            return PartiesErrors.Instance.BadRequest("after", "Ensure this value is a whole number from 0.");
        if (!QueryNumbers.TryRange(query["limit"], 1, MaxLimit, DefaultLimit, out var limit))
            return PartiesErrors.Instance.BadRequest("limit", $"Ensure this value is a whole number from 1 to {MaxLimit}.");
        if (!QueryNumbers.TryRange(query["wait"], 0, MaxWaitSeconds, 0, out var wait))
            return PartiesErrors.Instance.BadRequest("wait", $"Ensure this value is a whole number of seconds from 0 to {MaxWaitSeconds}.");

        var cancellation = http.RequestAborted;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(wait);
        await using var session = store.QuerySession(caller.OrganizationId);
        while (true)
        {
            var mark = await highWater.MarkAsync(cancellation);
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after && e.Sequence <= mark)
                .OrderBy(e => e.Sequence).Take(limit)
                .ToListAsync(cancellation);
            if (events.Count > 0 || DateTimeOffset.UtcNow >= deadline)
            {
                // A short page read everything of this organization up to the mark: the next call may start there.
                var next = events.Count == limit ? events[^1].Sequence : Math.Max(after, mark);
                var link = http.Request.WithQuery("after", next.ToString(CultureInfo.InvariantCulture));
                return Results.Json(new ChangePage(next, link, [.. events.Select(Item)]), PartiesJson.Options);
            }
            await Task.Delay(PollInterval, cancellation);
        }
    }

    private static ChangeItem Item(IEvent e) => new(e.Sequence, e.StreamId, e.EventTypeName, e.Data switch
    {
        PartyRegistered registered => [.. PartyFields.Registered(registered.Data).Select(c => PartyHistory.FieldName(c.Field))],
        PartyFieldsChanged changed => [.. changed.Changes.Select(c => PartyHistory.FieldName(c.Field))],
        _ => [],
    }, e.Timestamp);
}
