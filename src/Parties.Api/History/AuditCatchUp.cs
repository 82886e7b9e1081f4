using Marten;
using Parties.Projections;

namespace Parties.Api.History;

/// <summary>
/// Read-your-writes for the audit query, whose index (<see cref="AuditEntry"/>) Marten's async daemon keeps after the
/// writes commit: before answering, wait until the daemon has passed every event committed when the request came in
/// (at most <see cref="Timeout"/>; after that the answer is what is indexed so far). Events and the daemon's progress are
/// those of the organization's database.
/// </summary>
public sealed class AuditCatchUp(IDocumentStore store)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private const string NewestSql = $"select coalesce(max(seq_id), 0) from {PartiesStore.Schema}.mt_events";

    public async Task WaitAsync(string organizationId, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        await using var session = store.QuerySession(organizationId);
        // The last committed event (the primary key's last entry): the caller's own writes are at or below it.
        var newest = (await session.QueryAsync<long>(NewestSql, cancellation)).Single();
        while (await ProgressAsync(organizationId, cancellation) < newest && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(Poll, cancellation);
    }

    private async Task<long> ProgressAsync(string organizationId, CancellationToken cancellation)
    {
        var shards = await store.Advanced.AllProjectionProgress(organizationId, cancellation);
        return shards.FirstOrDefault(s => s.ShardName == AuditEntryProjection.ShardName)?.Sequence ?? 0;
    }
}
