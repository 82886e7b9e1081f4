using Marten;
using Parties.Api.Auth;
using Parties.Projections;
using Parties.Reference;

namespace Parties.Api.Dialects.Vendors;

public sealed record AuditTrailUser(string Id, string? Name);

public sealed record AuditTrailActivity(object? Before, object? After);

public sealed record AuditTrailItem(DateTimeOffset CreatedOn, string FieldType, string Type, string ActionBy, AuditTrailUser? User,
    AuditTrailActivity Activity);

/// <summary>
/// <c>GET /v1.0/vendor/{vendorId}/audit-trail</c>: every write to the party, whichever dialect made it, newest
/// first, one item per changed field, read from the vendor's stream.
/// </summary>
public static class VendorAuditTrail
{
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    public static async Task<IResult> Handle(string vendorId, HttpContext http, IDocumentStore store)
    {
        if (!VendorLoads.TryParseId(vendorId, out var id)) return Errors.InvalidId();
        var caller = http.Caller();
        await using var session = store.QuerySession(caller.OrganizationId);
        var read = await VendorLoads.LoadAsync(session, caller, id, http.RequestAborted);
        if (Errors.Refusal(read.Access) is { } refusal) return refusal;

        var entries = await PartyTrail.NewestFirstAsync(session, id, read.Party!.Version, read.Party.Version, http.RequestAborted);
        var items = entries.SelectMany(e => Items(e, read.Reference)).ToList();
        return VendorsJson.Ok(new VendorAudit(items, new VendorAuditCount(items.Count)));
    }

    private static IEnumerable<AuditTrailItem> Items(TrailEntry entry, ReferenceData reference)
    {
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
                VendorAuditValues.Value(change.Field, change.After))));
    }
}
