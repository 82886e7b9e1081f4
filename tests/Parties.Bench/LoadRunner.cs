using System.Diagnostics;
using System.Net;
using HdrHistogram;

namespace Parties.Bench;

/// <summary>One request of a workload: sent by worker <c>worker</c> as its <c>n</c>-th; true when the answer is the expected one.</summary>
public delegate Task<bool> Call(HttpClient http, int worker, long n);

public sealed record RunStats(long Requests, long Failures, double Seconds, LongHistogram Latency)
{
    public double Throughput => Requests / Seconds;
    public double Percentile(double p) => Requests == 0 ? 0 : Latency.GetValueAtPercentile(p) * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// Drives a workload at a fixed concurrency for a fixed time: each worker sends its next request as soon as the
/// last one is answered, over keep-alive connections (one per worker); every latency goes into an HdrHistogram.
/// </summary>
public static class LoadRunner
{
    public static HttpClient Client(string baseUrl, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        AutomaticDecompression = DecompressionMethods.None,
    })
    { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };

    public static async Task<RunStats> RunAsync(HttpClient http, int concurrency, TimeSpan duration, Call call, long firstN = 0)
    {
        var stop = Stopwatch.StartNew();
        var histograms = new LongHistogram[concurrency];
        var counts = new long[concurrency];
        var failures = new long[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var histogram = histograms[worker] = new LongHistogram(TimeStamp.Minutes(5), 3);
            for (var n = firstN; stop.Elapsed < duration; n++)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await call(http, worker, n); }
                catch (HttpRequestException) { ok = false; }
                histogram.RecordValue(Stopwatch.GetTimestamp() - started);
                counts[worker]++;
                if (!ok) failures[worker]++;
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = stop.Elapsed.TotalSeconds;

        var all = new LongHistogram(TimeStamp.Minutes(5), 3);
        foreach (var h in histograms) all.Add(h);
        return new RunStats(counts.Sum(), failures.Sum(), seconds, all);
    }
}
