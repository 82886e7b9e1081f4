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
            return new BenchReport(DateTimeOffset.UtcNow, machine, options.Quick, BenchPostgres.Settings, options, bench.LoadPartiesPerSecond,
                peakRss, results, new Dictionary<string, double>(), []);
        WorkloadResult Find(string name, string service = "service") =>
            results.First(r => r.Name.StartsWith(name, StringComparison.Ordinal) && r.Service == service);
        var create = Find("create");
        var patch = Find("patch 1-event");
        var longPatch = Find($"patch {options.LongStreamEvents}-event");
        var bulk = Find("bulk");
        var list = results.First(r => r.Name.StartsWith("list", StringComparison.Ordinal) && r.Concurrency == 1);
        var ratios = new Dictionary<string, double>
        {
            ["create: service / baseline"] = create.RequestsPerSecond / Find("create", "baseline").RequestsPerSecond,
            ["patch: service / baseline"] = patch.RequestsPerSecond / Find("patch", "baseline").RequestsPerSecond,
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
        var targets = new List<Target>
        {
            new("create ≥ 70% of baseline", "≥ 0.70", ratios["create: service / baseline"].ToString("0.00", CultureInfo.InvariantCulture),
                ratios["create: service / baseline"] >= 0.70),
            new("PATCH ≥ 70% of baseline", "≥ 0.70", ratios["patch: service / baseline"].ToString("0.00", CultureInfo.InvariantCulture),
                ratios["patch: service / baseline"] >= 0.70),
            new($"PATCH {options.LongStreamEvents}-event within 10% of 1-event", "≥ 0.90",
                ratios[$"patch: {options.LongStreamEvents}-event / 1-event"].ToString("0.00", CultureInfo.InvariantCulture),
                ratios[$"patch: {options.LongStreamEvents}-event / 1-event"] >= 0.90),
            new("bulk 1000 ≥ 20,000 parties/s", "≥ 20,000/s", $"{bulk.ItemsPerSecond:N0}/s", bulk.ItemsPerSecond >= 20_000),
            new("list page p50 < 20 ms (with count, 1 connection)", "< 20 ms", $"{list.P50Ms:0.0} ms", list.P50Ms < 20),
            new("service RSS < 400 MB", "< 400 MB", $"{peakRss / 1048576.0:N0} MB", peakRss < 400L * 1048576),
            new("no failed requests", "0", failures.ToString(CultureInfo.InvariantCulture), failures == 0),
        };
        return new BenchReport(DateTimeOffset.UtcNow, machine, options.Quick, BenchPostgres.Settings, options, bench.LoadPartiesPerSecond,
            peakRss, results, ratios, targets);
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
        AnsiConsole.Write(targets);
    }

    private static readonly string[] Columns =
    [
        "workload", "service", "conc.", "req/s", "items/s", "p50 ms", "p99 ms", "p99.9 ms", "stmts/req", "commits/req", "WAL B/item",
        "svc CPU ms/req", "db CPU ms/req", "svc RSS MB", "failed",
    ];

    private static IEnumerable<string[]> Rows(BenchReport report) => report.Workloads.Select(r => new[]
    {
        r.Name, r.Service, r.Concurrency.ToString(CultureInfo.InvariantCulture), r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
        r.ItemsPerRequest > 1 ? r.ItemsPerSecond.ToString("N0", CultureInfo.InvariantCulture) : "",
        r.P50Ms.ToString("0.0", CultureInfo.InvariantCulture), r.P99Ms.ToString("0.0", CultureInfo.InvariantCulture),
        r.P999Ms.ToString("0.0", CultureInfo.InvariantCulture), r.StatementsPerRequest.ToString("0.0", CultureInfo.InvariantCulture),
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
        File.WriteAllText(Path.Combine(folder, "latest.md"), md.ToString());

        Chart(report, Path.Combine(folder, "latest.png"));
    }

    private static void Chart(BenchReport report, string path)
    {
        var plot = new ScottPlot.Plot();
        var workloads = report.Workloads;
        var bars = workloads.Select((r, i) => new ScottPlot.Bar
        {
            Position = i, Value = r.RequestsPerSecond, Label = $"{r.RequestsPerSecond:N0}",
            FillColor = r.Service == "baseline" ? ScottPlot.Colors.Gray : ScottPlot.Colors.SteelBlue,
        }).ToArray();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(workloads.Select((_, i) => (double)i).ToArray(),
            workloads.Select(r => r.Service == "baseline" ? $"{r.Name} (baseline)" : r.Name).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 35;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 170;
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("requests per second");
        plot.Title($"Parties at {report.Options.Concurrency} connections: requests/s (gray = hand-written baseline)");
        plot.SavePng(path, 1100, 650);
    }
}
