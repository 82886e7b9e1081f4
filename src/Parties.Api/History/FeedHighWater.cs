using Marten;
using Marten.Events.Daemon;

namespace Parties.Api.History;

/// <summary>
/// The highest event sequence below which every event is committed and visible: Marten's high-water mark.
/// <para>
/// With quick append the database hands out sequence numbers inside the appending transactions, so a later
/// number can commit, and be read, before an earlier one. Reading up to max(seq_id) would then skip the earlier
/// event for good. Marten's daemon solves exactly this: its high-water detection holds the mark below a gap
/// while the transaction that reserved it may still commit, and only moves past a gap proven dead (a rolled-back
/// append, such as a retried unique-index race) after its stale threshold and a liveness probe. Rather than
/// copy that logic, the feed runs Marten's own high-water agent (the daemon's, without any projection shards)
/// and reads its mark. It starts on the first feed request, so an instance that serves no feed polls nothing.
/// Each instance runs its own agent: the detection is per database and idempotent, so replicas need no leader.
/// </para>
/// </summary>
public sealed class FeedHighWater(IDocumentStore store) : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private ProjectionDaemon? _daemon;

    public async Task<long> MarkAsync(CancellationToken cancellation)
    {
        if (_daemon is null)
        {
            await _starting.WaitAsync(cancellation);
            try
            {
                if (_daemon is null)
                {
                    var daemon = (ProjectionDaemon)await store.BuildProjectionDaemonAsync();
                    await daemon.StartHighWaterDetectionAsync();
                    _daemon = daemon;
                }
            }
            finally
            {
                _starting.Release();
            }
        }
        return _daemon.HighWaterMark();
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is null) return;
        await _daemon.StopAllAsync();
        _daemon.Dispose();
    }
}
