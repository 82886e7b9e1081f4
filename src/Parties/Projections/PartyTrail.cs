using Marten;

namespace Parties.Projections;

/// <summary>
/// A party's own history, read from its stream: already ordered by version and indexed, and written in the same
/// transaction as the write, so the caller always sees the write it was just answered.
/// </summary>
public static class PartyTrail
{
    /// <summary>The entries with versions from <paramref name="newest"/> down, at most <paramref name="take"/>, newest first.</summary>
    public static async Task<IReadOnlyList<TrailEntry>> NewestFirstAsync(IQuerySession session, Guid partyId, long newest, int take,
        CancellationToken cancellation)
    {
        var oldest = newest - take;
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == partyId && e.Version <= newest && e.Version > oldest)
            .OrderByDescending(e => e.Version)
            .ToListAsync(cancellation);
        return [.. events.Select(TrailEntry.Of).OfType<TrailEntry>()];
    }
}
