using Spectre.Console;

namespace Parties.Bench;

/// <summary>
/// Measures one workload: warmed up, then driven for the set time while the site's database counters and the CPU of
/// its process and clusters are read before and after; each result kept (with its request, for the round-trip probe)
/// and each workload's heaviest statements.
/// </summary>
public sealed class Meter(BenchOptions options)
{
    public List<WorkloadResult> Results { get; } = [];
    public List<(int Result, Call Call)> Probes { get; } = [];
    public List<string> Statements { get; } = [];

    public async Task MeasureAsync(string name, string target, Site site, HttpClient http, int concurrency, int items, bool writes, Call call)
    {
        name = concurrency == 1 ? $"{name}, 1 connection" : name;
        if (!options.Selects(target, name)) return;
        var process = site.Process;
        AnsiConsole.MarkupLine($"[grey]{target}: {Markup.Escape(name)} × {concurrency}…[/]");
        process.StartWindow();
        await LoadRunner.RunAsync(http, concurrency, options.Warmup, call);
        await Task.Delay(options.Quick ? 0 : 1100);
        await DatabaseCounters.ResetStatementsAsync(site);
        var before = await DatabaseCounters.ReadAsync(site);
        var upkeepBefore = await Maintenance.RunsAsync(site);
        var (appCpu, dbCpu) = (process.CpuSeconds, site.ClusterCpuSeconds());

        using var trace = options.Trace ? Profiler.Start(process.Pid, $"{options.ResultsFolder}/{target}-{name.Replace(' ', '-')}.nettrace", options.Duration) : null;
        var stats = await LoadRunner.RunAsync(http, concurrency, options.Duration, call, firstN: 1_000_000);
        trace?.WaitForExit();

        var (appCpuAfter, dbCpuAfter) = (process.CpuSeconds, site.ClusterCpuSeconds());
        await Task.Delay(options.Quick ? 0 : 1100);
        var delta = await DatabaseCounters.ReadAsync(site) - before;
        var upkeepAfter = await Maintenance.RunsAsync(site);
        var requests = Math.Max(1, stats.Requests);
        var result = new WorkloadResult(name, target, concurrency, stats.Requests, stats.Failures, stats.Seconds, stats.Throughput, items,
            stats.Percentile(50), stats.Percentile(99), stats.Percentile(99.9), (double)delta.Statements / requests,
            (double)delta.Commits / requests, writes ? (double)delta.WalBytes / requests / items : null,
            appCpuAfter - appCpu, dbCpuAfter - dbCpu, process.WindowPeakRssBytes);
        Results.Add(result);
        Probes.Add((Results.Count - 1, call));
        Statements.Add($"## {target}: {name}");
        Statements.Add($"# during the window: {upkeepAfter.Vacuums - upkeepBefore.Vacuums} autovacuum and " +
                       $"{upkeepAfter.Analyzes - upkeepBefore.Analyzes} autoanalyze runs ended");
        Statements.AddRange(await DatabaseCounters.TopStatementsAsync(site, requests));
        Statements.Add("");
        AnsiConsole.MarkupLine($"  {result.RequestsPerSecond:N0} req/s, p50 {result.P50Ms:N1} ms, p99 {result.P99Ms:N1} ms" +
                               (result.Failures > 0 ? $", [red]{result.Failures} failed[/]" : ""));
        // What the daemon did during the window is in this workload's CPU figures; what it still owes (the audit entries
        // of the last writes) is waited for here, and the upkeep they made due is done (Maintenance), so the next workload is
        // measured on its own.
        if (!writes) return;
        foreach (var database in site.Databases)
            await DaemonCatchUp.WaitAsync(database.Cluster, database.Name, TimeSpan.FromMinutes(options.Quick ? 1 : 10));
        await Maintenance.SettleAsync(site);
    }
}
