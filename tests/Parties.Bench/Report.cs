using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Parties.Bench;

/// <summary>The ratios and targets of the issue, the table (console and Markdown), the JSON and the chart.</summary>
public static class Report
{
    public static BenchReport Build(BenchOptions options, Bench bench, long peakRss, string machine)
    {
        var results = bench.Results;
        if (options.Only is not null)
        {
            // Only some workloads: the sharded comparisons whose two sides both ran, nothing else.
            var (someRatios, someTargets, someChart) = (new Dictionary<string, double>(), new List<Target>(), new List<Chart.Ratio>());
            ShardedReport.Add(results, someRatios, someTargets, someChart);
            return new BenchReport(DateTimeOffset.UtcNow, machine, options.Quick, BenchPostgres.Settings, options, bench.LoadPartiesPerSecond,
                peakRss, results, someRatios, someTargets, someChart);
        }
        WorkloadResult Find(string name, string service = "service", int? concurrency = null) =>
            results.First(r => r.Name.StartsWith(name, StringComparison.Ordinal) && r.Service == service &&
                               (concurrency is null || r.Concurrency == concurrency));
        var create = Find("create");
        var patch = Find("patch 1-event");
        var longPatch = Find($"patch {options.LongStreamEvents}-event");
        var bulk = Find("bulk");
        var batch = Find("cin7 batch");
        var audit = Find("audit trail");
        var prefixList = Find("list 100 by name prefix", concurrency: options.Concurrency);
        var search = Find("list search=");
        var duplicates = Find("duplicates of one");
        var ratios = new Dictionary<string, double>
        {
            ["create: service / baseline"] = create.RequestsPerSecond / Find("create", Bench.Floor).RequestsPerSecond,
            ["create: service / event-sourced SQL floor"] = create.RequestsPerSecond / Find("create", Bench.EventSourcedFloor).RequestsPerSecond,
            ["patch: service / baseline"] = patch.RequestsPerSecond / Find("patch", Bench.Floor).RequestsPerSecond,
            [$"patch: {options.LongStreamEvents}-event / 1-event"] = longPatch.RequestsPerSecond / patch.RequestsPerSecond,
            ["create: service CPU / PostgreSQL CPU"] = create.CpuRatio,
        };
        if (results.FirstOrDefault(r => r.Name == "create, 1 webhook subscription") is { } withWebhook && bench.WebhookLag is { } lag)
        {
            ratios["create: with a webhook subscription / without"] = withWebhook.RequestsPerSecond / create.RequestsPerSecond;
            ratios["webhook lag p50 ms (commit to receiver)"] = lag.P50Ms;
            ratios["webhook lag p99 ms (commit to receiver)"] = lag.P99Ms;
            ratios["webhooks delivered / created"] = lag.Created == 0 ? 0 : (double)lag.Delivered / lag.Created;
        }
        var failures = results.Sum(r => r.Failures);
        static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
        var targets = new List<Target>
        {
            new("create, service ÷ baseline", "≥ 0.50", F(ratios["create: service / baseline"]), ratios["create: service / baseline"] >= 0.50),
            new("PATCH (3 fields), service ÷ baseline", "≥ 0.50", F(ratios["patch: service / baseline"]), ratios["patch: service / baseline"] >= 0.50),
            new("create, service ÷ event-sourced SQL floor", "≥ 0.80", F(ratios["create: service / event-sourced SQL floor"]),
                ratios["create: service / event-sourced SQL floor"] >= 0.80),
            new($"PATCH {options.LongStreamEvents}-event within 10% of 1-event", "≥ 0.90",
                F(ratios[$"patch: {options.LongStreamEvents}-event / 1-event"]), ratios[$"patch: {options.LongStreamEvents}-event / 1-event"] >= 0.90),
            new("atomic bulk of 1000", "≥ 15,000 parties/s", $"{bulk.ItemsPerSecond:N0}/s", bulk.ItemsPerSecond >= 15_000),
            new("Suppliers batch of 100", "≥ 5,000 items/s", $"{batch.ItemsPerSecond:N0}/s", batch.ItemsPerSecond >= 5_000),
            new($"audit trail of a {options.LongStreamEvents}-event vendor, p50 at {audit.Concurrency} connections", "≤ 20 ms", $"{F(audit.P50Ms, "0.0")} ms",
                audit.P50Ms <= 20),
            new($"name-prefix list of 100 with total, p99 at {prefixList.Concurrency} connections", "≤ 150 ms", $"{F(prefixList.P99Ms, "0.0")} ms",
                prefixList.P99Ms <= 150),
            new("Parties list search= (contains), page of 100 with count, p50 at 1 connection", "≤ 50 ms", $"{F(search.P50Ms, "0.0")} ms",
                search.P50Ms <= 50),
            new("duplicates of one party (issue #17), p50 at 1 connection", "≤ 50 ms", $"{F(duplicates.P50Ms, "0.0")} ms", duplicates.P50Ms <= 50),
            new("search= served by the trigram index (auto_explain)", "yes", bench.SearchUsesIndex switch { true => "yes", false => "no", _ => "?" },
                bench.SearchUsesIndex == true),
            new("round trips per create / PATCH (the request's own, median)", "≤ 2 / ≤ 2",
                $"{F(create.RoundTripsPerRequest ?? double.NaN, "0")} / {F(patch.RoundTripsPerRequest ?? double.NaN, "0")}",
                create.RoundTripsPerRequest <= 2 && patch.RoundTripsPerRequest <= 2),
            new("peak RSS, whole run", "< 300 MB", $"{peakRss / 1048576.0:N0} MB", peakRss < 300L * 1048576),
        };
        var chart = new List<Chart.Ratio>
        {
            new("create: service ÷ baseline", ratios["create: service / baseline"], 0.50),
            new("create: service ÷ event-sourced SQL floor", ratios["create: service / event-sourced SQL floor"], 0.80),
            new("PATCH 3 fields: service ÷ baseline", ratios["patch: service / baseline"], 0.50),
            new("bulk 1000: parties/s ÷ 15,000", bulk.ItemsPerSecond / 15_000, 1),
            new("cin7 batch 100: items/s ÷ 5,000", batch.ItemsPerSecond / 5_000, 1),
            new($"audit trail: 20 ms ÷ p50 ({audit.Concurrency} conn.)", 20 / Math.Max(0.001, audit.P50Ms), 1),
            new($"name-prefix list: 150 ms ÷ p99 ({prefixList.Concurrency} conn.)", 150 / Math.Max(0.001, prefixList.P99Ms), 1),
            new("search= list: 50 ms ÷ p50 (1 conn.)", 50 / Math.Max(0.001, search.P50Ms), 1),
            new("duplicates of one party: 50 ms ÷ p50 (1 conn.)", 50 / Math.Max(0.001, duplicates.P50Ms), 1),
            new("memory: 300 MB ÷ peak RSS", 300.0 * 1048576 / Math.Max(1, peakRss), 1),
        };
        ShardedReport.Add(results, ratios, targets, chart);
        targets.Add(new Target("no failed requests", "0", failures.ToString(CultureInfo.InvariantCulture), failures == 0));
        return new BenchReport(DateTimeOffset.UtcNow, machine, options.Quick, BenchPostgres.Settings, options, bench.LoadPartiesPerSecond,
            peakRss, results, ratios, targets, chart);
    }

    public static void Print(BenchReport report)
    {
        var table = new Table().Title($"Parties benchmark ({report.Machine})");
        foreach (var column in Columns) table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var row in Rows(report)) table.AddRow(row.Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);

        var targets = new Table().AddColumns("target", "goal", "measured", "met");
        foreach (var t in report.Targets) targets.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Goal), Markup.Escape(t.Measured), t.Met ? "[green]yes[/]" : "[red]no[/]");
        foreach (var (name, value) in report.Ratios) AnsiConsole.MarkupLine($"{Markup.Escape(name)}: {value:0.00}");
        AnsiConsole.MarkupLine($"bulk load: {report.LoadPartiesPerSecond:N0} parties/s; service peak RSS {report.ServicePeakRssBytes / 1048576.0:N0} MB");
        if (report.ServicePeakRssSplit is { } split) AnsiConsole.MarkupLine($"at its highest sample: {Markup.Escape(split.ToString())}");
        AnsiConsole.Write(targets);
    }

    private static readonly string[] Columns =
    [
        "workload", "service", "conc.", "req/s", "items/s", "p50 ms", "p99 ms", "p99.9 ms", "stmts/req", "round trips/req (own / with daemon)", "commits/req",
        "WAL B/item",
        "svc CPU ms/req", "db CPU ms/req", "svc RSS MB", "failed",
    ];

    private static IEnumerable<string[]> Rows(BenchReport report) => report.Workloads.Select(r => new[]
    {
        r.Name, r.Service, r.Concurrency.ToString(CultureInfo.InvariantCulture), r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
        r.ItemsPerRequest > 1 ? r.ItemsPerSecond.ToString("N0", CultureInfo.InvariantCulture) : "",
        r.P50Ms.ToString("0.0", CultureInfo.InvariantCulture), r.P99Ms.ToString("0.0", CultureInfo.InvariantCulture),
        r.P999Ms.ToString("0.0", CultureInfo.InvariantCulture), r.StatementsPerRequest.ToString("0.0", CultureInfo.InvariantCulture),
        r.RoundTripsPerRequest is { } trips
            ? trips.ToString("0", CultureInfo.InvariantCulture) + (r.RoundTripsWithBackground is { } all ? " / " + all.ToString("0.0", CultureInfo.InvariantCulture) : "")
            : "",
        r.CommitsPerRequest.ToString("0.0", CultureInfo.InvariantCulture),
        r.WalBytesPerWrite is { } wal ? wal.ToString("N0", CultureInfo.InvariantCulture) : "",
        (r.ServiceCpuSeconds * 1000 / Math.Max(1, r.Requests)).ToString("0.00", CultureInfo.InvariantCulture),
        (r.DatabaseCpuSeconds * 1000 / Math.Max(1, r.Requests)).ToString("0.00", CultureInfo.InvariantCulture),
        (r.PeakRssBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture), r.Failures.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>latest.json, latest.md (the tables for the README) and latest.png.</summary>
    public static void Write(BenchReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "latest.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));

        var md = new StringBuilder();
        md.AppendLine("| " + string.Join(" | ", Columns) + " |");
        md.AppendLine("|" + string.Concat(Columns.Select((_, i) => i == 0 ? " --- |" : " ---: |")));
        foreach (var row in Rows(report)) md.AppendLine("| " + string.Join(" | ", row) + " |");
        md.AppendLine();
        md.AppendLine("| target | goal | measured | met |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var t in report.Targets) md.AppendLine($"| {t.Name} | {t.Goal} | {t.Measured} | {(t.Met ? "yes" : "**no**")} |");
        if (report.ServicePeakRssSplit is { } split)
            md.AppendLine().AppendLine($"Service peak RSS {report.ServicePeakRssBytes / 1048576.0:N0} MB; at its highest sample: {split}.");
        File.WriteAllText(Path.Combine(folder, "latest.md"), md.ToString());

        if (report.Chart.Count > 0) global::Parties.Bench.Chart.Write(report, report.Chart, Path.Combine(folder, "latest.png"));
    }
}
