using System.Text.Json;
using Marten;
using Marten.Linq.MatchesSql;
using Parties.Api.Auth;
using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Http;
using Parties.Projections;

namespace Parties.Api.History;

/// <summary>
/// <c>GET /api/audit/</c>: every write to the organization's parties, newest first, filtered and paged by an
/// opaque cursor (keyset on timestamp and sequence, so a page costs the same deep in millions of entries), or the
/// whole filtered trail as CSV. For auditors: admins and bookkeepers only.
/// The filters run on the lean <see cref="AuditEntry"/> index; each page's entries are then read from their events.
/// </summary>
public static class AuditQuery
{
    public static async Task<IResult> Handle(HttpContext http, IDocumentStore store, AuditCatchUp catchUp)
    {
        var caller = http.Caller();
        if (!caller.SeesAll) return PartiesErrors.Instance.InsufficientPermissions();
        var (filter, error) = AuditFilter.Read(http.Request);
        if (error is not null) return error;

        await catchUp.WaitAsync(caller.OrganizationId, http.RequestAborted);
        if (filter!.Csv) return new AuditCsv(store, caller.OrganizationId, filter);

        await using var session = store.QuerySession(caller.OrganizationId);
        var entries = await PageAsync(session, filter, filter.After, filter.Limit + 1, http.RequestAborted);
        var more = entries.Count > filter.Limit;
        var results = entries.Take(filter.Limit).Select(AuditItem.From).ToList();
        var cursor = more ? new AuditCursor(entries[filter.Limit - 1].Timestamp, entries[filter.Limit - 1].Sequence) : null;
        var page = new AuditPage(cursor is null ? null : http.Request.WithQuery("cursor", cursor.ToString()), cursor?.ToString(), results);
        return Results.Json(page, PartiesJson.Options);
    }

    /// <summary>Up to <paramref name="take"/> entries matching the filter, newest first, below <paramref name="after"/>.</summary>
    public static async Task<IReadOnlyList<TrailEntry>> PageAsync(IQuerySession session, AuditFilter filter, AuditCursor? after,
        int take, CancellationToken cancellation)
    {
        var entries = session.Query<AuditEntry>().AsQueryable();
        if (filter.Party is { } party) entries = entries.Where(e => e.PartyId == party);
        if (filter.User is { } user) entries = entries.Where(e => e.UserId == user);
        if (filter.Dialect is { } dialect) entries = entries.Where(e => e.Dialect == dialect);
        // Containment on the document, which the GIN index on the data answers.
        if (filter.Field is { } field)
            entries = entries.Where(e => e.MatchesSql("d.data -> 'fields' @> ?::jsonb", JsonSerializer.Serialize(new[] { field })));
        if (filter.From is { } from) entries = entries.Where(e => e.Timestamp >= from);
        if (filter.To is { } to) entries = entries.Where(e => e.Timestamp < to);
        if (after is not null)
        {
            // Written as a range on the timestamp (the index's next column) with the tie excluded, not as an OR,
            // so that the index scan starts at the cursor instead of filtering from the newest entry down.
            var at = after.Timestamp;
            var sequence = after.Sequence;
            entries = entries.Where(e => e.Timestamp <= at && !(e.Timestamp == at && e.Id >= sequence));
        }
        var page = await entries.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id).Take(take)
            .Select(e => e.Id).ToListAsync(cancellation);
        if (page.Count == 0) return [];

        var sequences = page.ToArray();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(sequences)).ToListAsync(cancellation);
        var bySequence = events.Select(TrailEntry.Of).OfType<TrailEntry>().ToDictionary(e => e.Sequence);
        return [.. page.Select(bySequence.GetValueOrDefault).OfType<TrailEntry>()];
    }
}
