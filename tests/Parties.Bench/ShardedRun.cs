using Spectre.Console;

namespace Parties.Bench;

/// <summary>
/// The sharded stage, after the single-database one: a second cluster started with the same settings, the service
/// started again in sharded mode, organizations made and loaded to the same sizes, and the core workloads driven with
/// the same requests (<see cref="Workloads"/>), each reported as "… (sharded)" beside its single-database row.
///
/// Placement, and why: the master is a fresh database on the first cluster; the pool is database <c>a</c> on the first
/// cluster and <c>b</c> on the second. The main organization (the one every workload addresses) is placed on <c>a</c>,
/// so its requests reach the same server as in the single-database stage, with the same settings and the same idle
/// neighbours competing for its buffers (there the baseline's tables, here also the first stage's database), and the
/// master is on that server too, as the single database was. What differs is then sharded mode itself (each request's
/// organization resolved to its database, Wolverine's multi-tenant message store, the daemon and agents per database,
/// a second pool idle beside), not a second server with a cache of its own. The other organizations alternate
/// <c>b</c>, <c>a</c>, so both databases hold organizations and the second cluster serves its share of the load.
/// Counters and CPU are those of the master and both databases on both clusters.
/// </summary>
public sealed class ShardedRun(BenchOptions options, BenchPostgres first, Meter meter, Workloads workloads, Bodies bodies,
    Func<IReadOnlyDictionary<string, string>, Task<ServiceProcess>> startService)
{
    public const string Suffix = " (sharded)";
    public const string MasterDatabase = "sharded_master", PoolA = "a", PoolB = "b";
    private const string DatabaseA = "sharded_a", DatabaseB = "sharded_b";

    /// <summary>The single-database workloads this stage drives again, by the names that stage gives them.</summary>
    public static string[] Names(BenchOptions options) =>
        ["create", "patch 1-event", "bulk 1000", "cin7 batch 100", Workloads.PrefixListName(options.Parties), "details"];

    /// <summary>Whether the stage runs: not skipped with --no-sharded, and one of its workloads selected by --only.</summary>
    public static bool Selected(BenchOptions options) =>
        options.Sharded && Names(options).Any(name => options.Selects("service", name + Suffix));

    /// <summary>The sharded service's peak RSS and the last lines it wrote, once the stage is over.</summary>
    public long PeakRssBytes { get; private set; }
    public RssSplit? PeakSplit { get; private set; }
    public string ServiceOutput { get; private set; } = "";

    public async Task RunAsync()
    {
        AnsiConsole.MarkupLine("[bold]Sharded stage[/]: a second PostgreSQL cluster, the service over a pool of two databases…");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var second = await BenchPostgres.StartAsync();
        // The first stage's databases stay as neighbours, vacuumed now so that autovacuum of what its workloads wrote does not
        // run during this stage's figures.
        await first.ExecuteAsync(Bench.ServiceDatabase, "VACUUM ANALYZE");
        await first.ExecuteAsync(Bench.BaselineDatabase, "VACUUM ANALYZE");
        await first.CreateDatabaseAsync(MasterDatabase);
        await first.CreateDatabaseAsync(DatabaseA);
        await second.CreateDatabaseAsync(DatabaseB);
        var service = await startService(new Dictionary<string, string>
        {
            ["ConnectionStrings__Parties"] = first.ConnectionString(MasterDatabase),
            [$"Parties__Databases__{PoolA}"] = first.ConnectionString(DatabaseA),
            [$"Parties__Databases__{PoolB}"] = second.ConnectionString(DatabaseB),
        });
        try
        {
            var site = new Site(service, [new SiteDatabase(first, MasterDatabase), new SiteDatabase(first, DatabaseA), new SiteDatabase(second, DatabaseB)]);
            await MeasureAsync(service, site, second);
            AnsiConsole.MarkupLine($"Sharded stage done in {clock.Elapsed.TotalSeconds:N0} s");
        }
        finally
        {
            ServiceOutput = service.Output;
            await service.DisposeAsync();
            PeakRssBytes = service.PeakRssBytes;
            PeakSplit = service.PeakSplit;
        }
    }

    private async Task MeasureAsync(ServiceProcess service, Site site, BenchPostgres second)
    {
        using var setup = LoadRunner.Client(service.Url, options.BulkConcurrency);
        var adminKey = Environment.GetEnvironmentVariable("PARTIES_BENCH_ADMIN_KEY")!;
        var main = await ServiceClient.CreateOrganizationAsync(setup, adminKey, "Bench main", PoolA);
        var others = new List<BenchOrganization>();
        for (var i = 0; i < options.OtherOrganizations; i++)
            others.Add(await ServiceClient.CreateOrganizationAsync(setup, adminKey, $"Bench other {i}", i % 2 == 0 ? PoolB : PoolA));
        if (main.Database != PoolA || others.Any(o => o.Database is not (PoolA or PoolB)))
            throw new InvalidOperationException($"Organizations placed on {main.Database}, {string.Join(", ", others.Select(o => o.Database))}");

        var load = new PartyLoad(bodies, options.BulkConcurrency);
        AnsiConsole.MarkupLine($"Loading {options.OtherOrganizations} × {options.PartiesPerOtherOrganization:N0} parties in other organizations (on a and b)…");
        foreach (var other in others) await load.LoadAsync(setup, other, options.PartiesPerOtherOrganization, keepIds: false);
        AnsiConsole.MarkupLine($"Loading {options.Parties:N0} parties into the main organization (on a)…");
        var started = DateTime.UtcNow;
        await load.LoadAsync(setup, main, options.Parties, keepIds: true);
        AnsiConsole.MarkupLine($"  {options.Parties / (DateTime.UtcNow - started).TotalSeconds:N0} parties/s");
        // The daemon's audit rows of the load first, then the vacuum: a vacuum before them leaves a table past autovacuum's
        // thresholds, and its run lands in the first workload's window (as the first stage, whose service workloads follow
        // the baseline's and their settling).
        await DaemonCatchUp.WaitAsync(first, DatabaseA, TimeSpan.FromMinutes(options.Quick ? 1 : 10));
        await DaemonCatchUp.WaitAsync(second, DatabaseB, TimeSpan.FromMinutes(options.Quick ? 1 : 10));
        await Maintenance.SettleAsync(site);

        var vendors = load.VendorIds.OrderBy(_ => Random.Shared.Next()).ToArray();
        var parties = load.PartyIds.ToArray();
        using var client = LoadRunner.Client(service.Url, options.Concurrency);
        // The single-database stage's order, so the main organization has grown alike (bulk, batch) when it is listed and read.
        var names = Names(options);
        await Measure(names[0], options.Concurrency, 1, true, workloads.Create(main.Key));
        await Measure(names[1], options.Concurrency, 1, true, workloads.Patch(main.Key, vendors));
        await Measure(names[2], options.BulkConcurrency, 1000, true, workloads.Bulk(main.Key));
        await Measure(names[3], options.Concurrency, 100, true, workloads.SuppliersBatch(main));
        await Measure(names[4], options.Concurrency, 1, false, workloads.PrefixList(main));
        await Measure(names[5], options.Concurrency, 1, false, Workloads.Details(main.Key, parties));

        Task Measure(string name, int concurrency, int items, bool writes, Call call) =>
            meter.MeasureAsync(name + Suffix, "service", site, client, concurrency, items, writes, call);
    }
}
