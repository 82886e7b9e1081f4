using System.Text.Json;
using Parties.Api.Dialects.PartiesApi;
using Parties.Projections;

namespace Parties.Api.History;

/// <param name="Field">The field's name in the Parties dialect (snake_case).</param>
public sealed record AuditChange(string Field, JsonElement? Old, JsonElement? New);

/// <summary>One write to a party, as the audit query answers it.</summary>
/// <param name="Erased">The entry's personal values were erased (they read null), or it is the erasure.</param>
/// <param name="Reason">The erasure's reason; null on other entries.</param>
public sealed record AuditItem(Guid Id, Guid Party, long Version, DateTimeOffset Timestamp, string Action, string? User,
    string? ApiKeyId, string? Dialect, string? RequestId, IReadOnlyList<AuditChange> Changes, bool Erased, string? Reason)
{
    public static AuditItem From(TrailEntry e) => new(e.Id, e.PartyId, e.Version, e.Timestamp,
        e.Action.ToString().ToLowerInvariant(), e.UserId, e.ApiKeyId, e.Dialect, e.RequestId,
        [.. e.Changes.Select(c => new AuditChange(PartyHistory.FieldName(c.Field), c.Before, c.After))], e.Erased, e.Reason);
}

/// <summary>A page of the audit query, newest first; <c>next</c> is the link to the following page, null on the last.</summary>
public sealed record AuditPage(string? Next, string? Cursor, IReadOnlyList<AuditItem> Results);
