using Marten;
using Parties.Api.Http;

namespace Parties.Api.History;

/// <summary>
/// Time travel on a detail read: <c>as_of</c> (RFC 3339) or <c>version</c> (a stream version from 1). The same
/// names in all three dialects: none of the copied APIs has the feature, so there is no original spelling to
/// keep, and one spelling lets one client (and one README table) serve all three. Neither: the party now.
/// </summary>
public sealed record PointInTime(DateTimeOffset? AsOf, int? Version)
{
    public const string AsOfParameter = "as_of", VersionParameter = "version";
    public static readonly PointInTime Now = new(null, null);

    public bool IsNow => AsOf is null && Version is null;

    /// <returns>The point, or the parameter at fault and why.</returns>
    public static (PointInTime? Point, string? Parameter, string? Message) Read(IQueryCollection query)
    {
        var asOfText = query[AsOfParameter].ToString();
        var versionText = query[VersionParameter].ToString();
        if (asOfText.Length > 0 && versionText.Length > 0)
            return (null, VersionParameter, $"Give {AsOfParameter} or {VersionParameter}, not both.");
        if (asOfText.Length > 0)
            return Rfc3339.TryParse(asOfText, out var asOf)
                ? (new PointInTime(asOf, null), null, null)
                : (null, AsOfParameter, Rfc3339.Message);
        if (versionText.Length > 0)
            return QueryNumbers.TryRange(versionText, 1, int.MaxValue, 0, out var version)
                ? (new PointInTime(null, version), null, null)
                : (null, VersionParameter, "Must be a whole number from 1.");
        return (Now, null, null);
    }

    /// <summary>
    /// The party now (its snapshot) or as it was (Marten's live aggregation of its events up to the version or
    /// time, through the same Create/Apply as the snapshot); null when it did not exist then, or the version is
    /// past its last.
    /// </summary>
    public async Task<Party?> LoadAsync(IQuerySession session, Guid id, CancellationToken cancellation)
    {
        if (IsNow) return await session.LoadAsync<Party>(id, cancellation);
        var party = await session.Events.AggregateStreamAsync<Party>(id, version: Version ?? 0, timestamp: AsOf, token: cancellation);
        return party is not null && (Version is null || party.Version == Version) ? party : null;
    }
}
