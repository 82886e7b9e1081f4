using System.Globalization;
using JasperFx.Events;
using Marten;
using Parties.Api.Auth;
using Parties.Projections;
using Parties.Reference;

namespace Parties.Api.Dialects.Vendors;

public sealed record AuditTrailUser(string Id, string? Name);

public sealed record AuditTrailActivity(object? Before, object? After);

/// <param name="Erased">The entry's personal values were erased (they read null), or it is the erasure (type ERASE).</param>
/// <param name="Reason">The erasure's reason; null on other entries.</param>
public sealed record AuditTrailItem(DateTimeOffset CreatedOn, string FieldType, string Type, string ActionBy, AuditTrailUser? User,
    AuditTrailActivity Activity, bool Erased, string? Reason);

/// <summary>
/// <c>GET /v1.0/vendor/{vendorId}/audit-trail</c>: every write to the party, whichever dialect made it, newest
/// first, one item per changed field, a page of <c>limit</c> items (1–200, default 50) with <c>nextCursor</c>.
/// Read from the party's own stream, newest version first: the stream is indexed by (id, version), so a page costs
/// the same however long the history is, and it shows the write that was just answered whatever way the audit
/// projection is kept.
/// </summary>
public static class VendorAuditTrail
{
    public const int DefaultLimit = 50, MaxLimit = 200;
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    public static async Task<IResult> Handle(string vendorId, HttpContext http, IDocumentStore store, string? limit = null, string? cursor = null)
    {
        if (!VendorLoads.TryParseId(vendorId, out var id)) return Errors.InvalidId();
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
            return Errors.BadRequest("/limit", $"must be an integer from 1 to {MaxLimit}");
        AuditTrailCursor? from = null;
        if (!string.IsNullOrEmpty(cursor) && !AuditTrailCursor.TryDecode(cursor, out from))
            return Errors.BadRequest("/cursor", "must be a cursor returned as nextCursor");

        var caller = http.Caller();
        await using var session = store.QuerySession(caller.OrganizationId);
        var read = await VendorLoads.LoadAsync(session, caller, id, http.RequestAborted);
        if (Errors.Refusal(read.Access) is { } refusal) return refusal;

        // Every write changes at least one field, so size + 1 writes fill the page and tell whether more follow.
        var newest = from?.Version ?? long.MaxValue;
        var writes = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == id && e.Version <= newest)
            .OrderByDescending(e => e.Version)
            .Take(size + 1)
            .ToListAsync(http.RequestAborted);

        var items = new List<AuditTrailItem>(size);
        AuditTrailCursor? next = null;
        foreach (var write in writes)
        {
            var skip = write.Version == from?.Version ? from.Skip : 0;
            var writeItems = Items(write, read.Reference).Skip(skip).ToList();
            // A page that ends exactly where a write ends points at the next write (room 0), so no cursor leads to an empty page.
            var room = size - items.Count;
            if (writeItems.Count > room)
            {
                items.AddRange(writeItems.Take(room));
                next = new AuditTrailCursor(write.Version, skip + room);
                break;
            }
            items.AddRange(writeItems);
        }
        return VendorsJson.Ok(new VendorAudit(items, new VendorAuditContext(items.Count, next?.Encode())));
    }

    private static IEnumerable<AuditTrailItem> Items(IEvent write, ReferenceData reference)
    {
        if (TrailEntry.Of(write) is not { } entry) return [];
        var user = entry.UserId is null ? null : new AuditTrailUser(entry.UserId, VendorOutput.OwnerName(entry.UserId, reference));
        var type = entry.Action.ToString().ToUpperInvariant();
        return entry.Changes.Select(change => new AuditTrailItem(
            entry.Timestamp,
            VendorAuditValues.FieldType(change.Field),
            type,
            user is null ? "PLATFORM" : "USER",
            user,
            new AuditTrailActivity(
                entry.Action == AuditAction.Create ? null : VendorAuditValues.Value(change.Field, change.Before),
                VendorAuditValues.Value(change.Field, change.After)),
            entry.Erased,
            entry.Reason));
    }
}
