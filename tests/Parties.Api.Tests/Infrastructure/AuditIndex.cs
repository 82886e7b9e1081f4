using Marten;
using Parties.Projections;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>The audit index is kept by Marten's async daemon: tests that read it directly let the daemon catch up first.</summary>
public static class AuditIndex
{
    /// <summary>Waits (at most 30 s) until the daemon has indexed every event written so far; at once when there is none.</summary>
    public static async Task CaughtUpAsync(this IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var newest = (await session.QueryAsync<long>($"select coalesce(max(seq_id), 0) from {PartiesStore.Schema}.mt_events")).Single();
        for (var i = 0; i < 1500; i++)
        {
            var shards = await store.Advanced.AllProjectionProgress();
            if ((shards.FirstOrDefault(s => s.ShardName == AuditEntryProjection.ShardName)?.Sequence ?? 0) >= newest) return;
            await Task.Delay(20);
        }
        throw new TimeoutException($"The audit index did not reach event {newest} in 30 s.");
    }

    /// <summary>A party's history as the API shows it (read from its stream), oldest first.</summary>
    public static async Task<IReadOnlyList<TrailEntry>> TrailAsync(this IDocumentStore store, string organizationId, Guid partyId)
    {
        await using var session = store.QuerySession(organizationId);
        return [.. (await session.Events.FetchStreamAsync(partyId)).Select(TrailEntry.Of).OfType<TrailEntry>()];
    }
}
