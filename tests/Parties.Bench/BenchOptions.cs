namespace Parties.Bench;

/// <summary>
/// How big a run is. <c>--quick</c> proves the program works in well under two minutes (CI); the full run measures.
/// <c>--only a,b</c> measures only the workloads whose "target:name" holds one of the texts (<c>sharded</c> picks the
/// sharded stage's); <c>--no-sharded</c> skips the sharded stage (a second cluster and the service over a pool).
/// </summary>
public sealed record BenchOptions(
    bool Quick, int Concurrency, int BulkConcurrency, TimeSpan Warmup, TimeSpan Duration, int Parties, int OtherOrganizations,
    int PartiesPerOtherOrganization, int LongStreamEvents, string ResultsFolder, string? Only = null, bool Trace = false, bool Sharded = true)
{
    public static BenchOptions Parse(string[] args, string repository)
    {
        var quick = args.Contains("--quick");
        var folder = Path.Combine(repository, "tests", "Parties.Bench", "results");
        var options = quick
            ? new BenchOptions(true, 16, 4, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2), 3_000, 10, 30, 20, Path.Combine(folder, "tmp"))
            : new BenchOptions(false, 16, 4, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), 1_000_000, 10, 10_000, 1000, folder);
        for (var i = 0; i < args.Length - 1; i++)
            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(args[i + 1])) },
                "--parties" => options with { Parties = int.Parse(args[i + 1]), PartiesPerOtherOrganization = int.Parse(args[i + 1]) / 100 },
                "--concurrency" => options with { Concurrency = int.Parse(args[i + 1]) },
                "--only" => options with { Only = args[i + 1] },
                "--out" => options with { ResultsFolder = Path.GetFullPath(args[i + 1]) },
                _ => options,
            };
        if (args.Contains("--no-sharded")) options = options with { Sharded = false };
        return args.Contains("--trace") ? options with { Trace = true } : options;
    }

    /// <summary>Whether <c>--only</c> (if given) selects the workload <paramref name="name"/> of <paramref name="target"/>.</summary>
    public bool Selects(string target, string name) =>
        Only is null || Only.Split(',').Any(o => $"{target}:{name}".Contains(o, StringComparison.Ordinal));
}
