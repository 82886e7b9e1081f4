using SkiaSharp;

namespace Parties.Bench;

/// <summary>
/// latest.png, two panels read top to bottom: how far each workload is from its floor or target (one bar a ratio,
/// green where the issue's target is met, the target written beside it), and every service workload's latency
/// percentiles on a log scale. Horizontal bars, so each workload's name is written out in full.
/// </summary>
public static class Chart
{
    private const int Width = 1400;

    /// <summary>A bar: higher is always better (throughput ÷ floor or target, target ÷ latency or memory).</summary>
    public sealed record Ratio(string Name, double Value, double Target);

    public static void Write(BenchReport report, IReadOnlyList<Ratio> ratios, string path)
    {
        var top = RatioPanel(report, ratios);
        var latencies = report.Workloads.Where(w => w.Service == "service").ToList();
        var bottom = LatencyPanel(latencies);
        var topHeight = 120 + 46 * Math.Max(1, ratios.Count);
        var bottomHeight = 140 + 54 * Math.Max(1, latencies.Count);

        using var surface = SKSurface.Create(new SKImageInfo(Width, topHeight + bottomHeight));
        surface.Canvas.Clear(SKColors.White);
        Draw(surface.Canvas, top, topHeight, 0);
        Draw(surface.Canvas, bottom, bottomHeight, topHeight);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static void Draw(SKCanvas canvas, ScottPlot.Plot plot, int height, int y)
    {
        using var bitmap = SKBitmap.Decode(plot.GetImage(Width, height).GetImageBytes());
        canvas.DrawBitmap(bitmap, 0, y);
    }

    private static ScottPlot.Plot RatioPanel(BenchReport report, IReadOnlyList<Ratio> ratios)
    {
        var plot = new ScottPlot.Plot();
        var bars = ratios.Select((r, i) =>
        {
            var met = r.Value >= r.Target;
            return new ScottPlot.Bar
            {
                Position = ratios.Count - 1 - i, Value = r.Value,
                Label = $"{r.Value:0.00}  (target ≥ {r.Target:0.00})",
                FillColor = met ? ScottPlot.Colors.SeaGreen : ScottPlot.Colors.IndianRed, Size = 0.7,
            };
        }).ToArray();
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        Style(plot, ratios.Select((r, i) => (ratios.Count - 1 - i, r.Name)));
        plot.Axes.SetLimitsX(0, Math.Max(1.5, ratios.Count == 0 ? 1 : ratios.Max(r => r.Value) * 1.45));
        plot.Add.VerticalLine(1, 1, ScottPlot.Colors.Gray, ScottPlot.LinePattern.Dashed);
        plot.XLabel("ratio, higher is better (dashed line: 1); green = the issue's target met");
        // Two lines: a machine's CPU model alone can be as wide as the plot.
        plot.Title($"Parties vs its floors and targets ({(report.Quick ? "QUICK RUN, not comparable" : $"{report.Options.Parties:N0} parties")})\n{report.Machine}");
        return plot;
    }

    private static ScottPlot.Plot LatencyPanel(IReadOnlyList<WorkloadResult> workloads)
    {
        var plot = new ScottPlot.Plot();
        (string Name, Func<WorkloadResult, double> Value, ScottPlot.Color Color)[] percentiles =
        [
            ("p50", w => w.P50Ms, ScottPlot.Colors.SteelBlue),
            ("p99", w => w.P99Ms, ScottPlot.Colors.Orange),
            ("p99.9", w => w.P999Ms, ScottPlot.Colors.DarkRed),
        ];
        var count = workloads.Count;
        for (var p = 0; p < percentiles.Length; p++)
        {
            var (name, value, color) = percentiles[p];
            var bars = workloads.Select((w, i) => new ScottPlot.Bar
            {
                Position = (count - 1 - i) + (1 - p) * 0.27, Value = Math.Log10(Math.Max(1, value(w))), Size = 0.25,
                FillColor = color, Label = $"{value(w):0.#}",
            }).ToArray();
            var series = plot.Add.Bars(bars);
            series.Horizontal = true;
            series.LegendText = name;
        }
        Style(plot, workloads.Select((w, i) => (count - 1 - i, w.Concurrency == 1 ? w.Name : $"{w.Name}, {w.Concurrency} connections")));
        var decades = new[] { 1.0, 10, 100, 1000, 10000 };
        plot.Axes.Bottom.SetTicks(decades.Select(Math.Log10).ToArray(), decades.Select(d => $"{d:0} ms").ToArray());
        plot.Axes.SetLimitsX(0, Math.Log10(Math.Max(100, workloads.Count == 0 ? 100 : workloads.Max(w => w.P999Ms))) + 0.35);
        plot.ShowLegend(ScottPlot.Edge.Right);
        plot.XLabel("latency per request, log scale");
        plot.Title("Service latency percentiles per workload");
        return plot;
    }

    private static void Style(ScottPlot.Plot plot, IEnumerable<(int Position, string Label)> labels)
    {
        var ticks = labels.ToArray();
        plot.Axes.Left.SetTicks(ticks.Select(t => (double)t.Position).ToArray(), ticks.Select(t => t.Label).ToArray());
        plot.Axes.Left.MinimumSize = 360;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Title.Label.FontSize = 18;
        plot.Axes.Margins(left: 0, right: 0.02, bottom: 0.03, top: 0.03);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
    }
}
