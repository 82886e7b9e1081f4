using System.Globalization;
using JasperFx.Events;
using Marten;
using Parties.Api.Auth;
using Parties.Api.Dialects.PartiesApi;
using System.Text.Json.Serialization;
using Parties.Api.Http;
using Parties.Api.Webhooks;
using Parties.Webhooks;

namespace Parties.Api.History;

/// <param name="Fields">The changed fields, named as in the Parties dialect.</param>
/// <param name="Changes">Each changed field's old and new value, as a webhook's body carries them.</param>
/// <param name="Erased">The event's personal values were erased (they read null), or it is the erasure.</param>
/// <param name="Reason">The erasure's reason; null for other events.</param>
/// <param name="PartyAtVersion">With <c>include=party</c>: the party as it was at this version.</param>
public sealed record ChangeItem(long Sequence, Guid Party, string Type, IReadOnlyList<string> Fields, DateTimeOffset Timestamp,
    long Version, IReadOnlyList<WebhookChange> Changes, bool Erased, string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PartyResource? PartyAtVersion = null);

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

    /// <summary>
    /// What Marten writes into the sequence number of an append whose commit failed (a write lost at a unique index),
    /// so the high-water mark can pass it: not a change of any party.
    /// </summary>
    private const string MartenTombstone = "tombstone";

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
        var include = query["include"].ToString();
        if (include is not ("" or "party")) return PartiesErrors.Instance.BadRequest("include", "Select a valid choice: party.");

        var cancellation = http.RequestAborted;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(wait);
        await using var session = store.QuerySession(caller.OrganizationId);
        while (true)
        {
            var mark = await highWater.MarkAsync(caller.OrganizationId, cancellation);
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after && e.Sequence <= mark && e.EventTypeName != MartenTombstone)
                .OrderBy(e => e.Sequence).Take(limit)
                .ToListAsync(cancellation);
            if (events.Count > 0 || DateTimeOffset.UtcNow >= deadline)
            {
                // A short page read everything of this organization up to the mark: the next call may start there.
                var next = events.Count == limit ? events[^1].Sequence : Math.Max(after, mark);
                var items = events.Select(Item).ToList();
                if (include == "party") await IncludePartiesAsync(session, items, cancellation);
                var link = http.Request.WithQuery("after", next.ToString(CultureInfo.InvariantCulture));
                return Results.Json(new ChangePage(next, link, items), PartiesJson.Options);
            }
            await Task.Delay(PollInterval, cancellation);
        }
    }

    private static ChangeItem Item(IEvent e)
    {
        var webhook = WebhookEvents.Of(e);
        IReadOnlyList<WebhookChange> changes = webhook is null ? [] : WebhookChange.From(webhook);
        return new(e.Sequence, e.StreamId, e.EventTypeName, [.. changes.Select(c => c.Field)], e.Timestamp, e.Version, changes,
            webhook?.Erased ?? false, webhook?.Reason);
    }

    /// <summary>The party as it was: Marten's live aggregation to each item's version, an opt-in cost of one query per item.</summary>
    private static async Task IncludePartiesAsync(IQuerySession session, List<ChangeItem> items, CancellationToken cancellation)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var party = await session.Events.AggregateStreamAsync<Party>(items[i].Party, items[i].Version, token: cancellation);
            items[i] = items[i] with { PartyAtVersion = party is null ? null : PartyOutput.From(PartySnapshot.Of(party)) };
        }
    }
}
