using System.Collections.Concurrent;
using Marten;
using Marten.Events.Daemon;

namespace Parties.Api.History;

/// <summary>
/// The highest event sequence below which every event of a database is committed and visible: Marten's high-water mark.
/// <para>
/// With quick append the database hands out sequence numbers inside the appending transactions, so a later
/// number can commit, and be read, before an earlier one. Reading up to max(seq_id) would then skip the earlier
/// event for good. Marten's daemon solves exactly this: its high-water detection holds the mark below a gap
/// while the transaction that reserved it may still commit, and only moves past a gap proven dead (a rolled-back
/// append, such as a retried unique-index race) after its stale threshold and a liveness probe. Rather than
/// copy that logic, the feed runs Marten's own high-water agent (the daemon's, without any projection shards)
/// and reads its mark. It starts on the first feed request for a database, so an instance that serves no feed polls
/// nothing. Each instance runs its own agents: the detection is per database and idempotent, so replicas need no
/// leader. The sequence is per database, and an organization lives in exactly one, so its feed has no gap.
/// </para>
/// </summary>
public sealed class FeedHighWater(IDocumentStore store) : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly ConcurrentDictionary<string, ProjectionDaemon> _daemons = new(StringComparer.Ordinal);

    public async Task<long> MarkAsync(string organizationId, CancellationToken cancellation)
    {
        var database = (await store.Storage.FindOrCreateDatabase(organizationId)).Id.Identity;
        if (!_daemons.TryGetValue(database, out var daemon))
        {
            await _starting.WaitAsync(cancellation);
            try
            {
                if (!_daemons.TryGetValue(database, out daemon))
                {
                    daemon = (ProjectionDaemon)await store.BuildProjectionDaemonAsync(organizationId);
                    await daemon.StartHighWaterDetectionAsync();
                    _daemons[database] = daemon;
                }
            }
            finally
            {
                _starting.Release();
            }
        }
        return daemon.HighWaterMark();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in _daemons.Values)
        {
            await daemon.StopAllAsync();
            daemon.Dispose();
        }
    }
}
