using System.Globalization;

namespace Parties.Bench;

/// <summary>
/// The sharded stage against the single-database one (issue #18: "the figures of the single-database run within 10%"):
/// for each workload measured in both, throughput sharded ÷ single-database (target ≥ 0.90) and p50 sharded ÷
/// single-database (target ≤ 1.10, at most 10% slower); a ratio, a target row and a chart bar each.
/// </summary>
public static class ShardedReport
{
    public const double MinThroughput = 0.90, MaxLatency = 1.10;

    public static void Add(IReadOnlyList<WorkloadResult> results, IDictionary<string, double> ratios, ICollection<Target> targets,
        ICollection<Chart.Ratio> chart)
    {
        foreach (var sharded in results.Where(r => r.Service == "service" && r.Name.EndsWith(ShardedRun.Suffix, StringComparison.Ordinal)))
        {
            var name = sharded.Name[..^ShardedRun.Suffix.Length];
            if (results.FirstOrDefault(r => r.Service == "service" && r.Name == name && r.Concurrency == sharded.Concurrency) is not { } single)
                continue;
            var throughput = sharded.RequestsPerSecond / single.RequestsPerSecond;
            var latency = sharded.P50Ms / single.P50Ms;
            ratios[$"{name}: sharded / single-database req/s"] = throughput;
            ratios[$"{name}: sharded / single-database p50"] = latency;
            targets.Add(new Target($"{name}: sharded ÷ single-database, req/s and p50 ({sharded.Concurrency} conn.)",
                $"≥ {F(MinThroughput)} and ≤ {F(MaxLatency)}", $"{F(throughput)} and {F(latency)}",
                throughput >= MinThroughput && latency <= MaxLatency));
            chart.Add(new Chart.Ratio($"{name}: sharded ÷ single-database req/s", throughput, MinThroughput));
        }
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
