using JasperFx.Events.Projections;

namespace Parties;

/// <summary>
/// How far ahead of its work a shard of Marten's async daemon loads events. Its default (5,000 a shard) kept about
/// 10,000 deserialized events in memory for the audit index and the webhook fan-out whenever the daemon trailed a
/// bulk load, and the benchmark's peak memory is reached there; two pages of 500 keep one page loading while one
/// is worked on.
/// </summary>
public static class DaemonMemory
{
    public const int EventsHeldAhead = 1000;

    public static void Limit(AsyncOptions options) => options.MaximumHopperSize = EventsHeldAhead;
}
