using System.Security.Cryptography;
using Parties.Bench;
using Spectre.Console;

// dotnet run -c Release --project tests/Parties.Bench [-- --quick]
var root = Repository.Root();
if (args is ["--chart-from", var saved])
{
    // Draws a run's chart again from its latest.json, beside it: the figures are the run's, only the drawing changes.
    var run = System.Text.Json.JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(saved))!;
    Chart.Write(run, run.Chart, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(saved))!, "latest.png"));
    return 0;
}
var options = BenchOptions.Parse(args, root);
var machine = Machine.Describe();
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
AnsiConsole.MarkupLine($"[bold]Parties benchmark[/] {(options.Quick ? "(quick: proves it runs, figures not comparable)" : "")} on {Markup.Escape(machine)}");
AnsiConsole.MarkupLine($"PostgreSQL: {Markup.Escape(string.Join(", ", BenchPostgres.Settings))}");
var deployedGc = DeployedMemoryLimit.GcEnvironment(root);
AnsiConsole.MarkupLine($"Service and baseline: GC as in the chart's container ({Markup.Escape(string.Join(", ", deployedGc.Select(e => $"{e.Key}={e.Value}")))})");

var adminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
Environment.SetEnvironmentVariable("PARTIES_BENCH_ADMIN_KEY", adminKey);
var baselineKey = $"pk_{Guid.NewGuid():N}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

await using var postgres = await BenchPostgres.StartAsync();
await postgres.CreateDatabaseAsync(Bench.ServiceDatabase);
await postgres.CreateDatabaseAsync(Bench.BaselineDatabase);

// The service as deployed: Release build, Production (pre-generated handler code), the GC heap limit of the chart's
// container, rate limits off for the load; its database settings given (one database, or a master and a pool for the
// sharded stage). The baseline runs under the same limit.
// Started a second time on the same database through a counting relay for the round-trip probe, after the workloads.
Task<ServiceProcess> StartApi(IReadOnlyDictionary<string, string> databases) => ServiceProcess.StartAsync(
    Repository.Assembly(root, "src/Parties.Api", "Parties.Api"), new Dictionary<string, string>(databases.Concat(deployedGc))
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Parties__AdminKey"] = adminKey,
        ["Parties__RateLimit__PermitsPerMinute"] = "0",
        ["Parties__RateLimit__SuppliersPermitsPerMinute"] = "0",
        // The webhook workload's receiver listens on the loopback.
        ["Parties__Webhooks__AllowPrivateTargets"] = "true",
    });
Task<ServiceProcess> StartService(int port) =>
    StartApi(new Dictionary<string, string> { ["ConnectionStrings__Parties"] = postgres.ConnectionString(Bench.ServiceDatabase, port) });
Task<ServiceProcess> StartBaseline(int port) => ServiceProcess.StartAsync(
    Repository.Assembly(root, "tests/Parties.Bench.Baseline", "Parties.Bench.Baseline"), new Dictionary<string, string>(deployedGc)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Baseline"] = postgres.ConnectionString(Bench.BaselineDatabase, port),
        ["Baseline__ApiKey"] = baselineKey,
    });
await using var service = await StartService(postgres.Port);
await using var baseline = await StartBaseline(postgres.Port);

var bodies = new Bodies();
var bench = new Bench(options, postgres, service, baseline, baselineKey, StartService, StartBaseline, bodies);
await bench.RunAsync();

// The first stage's processes stopped, so they cost the sharded stage no CPU or memory.
await service.DisposeAsync();
await baseline.DisposeAsync();
var peakRss = service.PeakRssBytes;
var peakSplit = service.PeakSplit;
var shardedFailed = false;
if (ShardedRun.Selected(options))
{
    // A sharded stage that fails costs the run its sharded rows only: the first stage's figures are still written.
    var sharded = new ShardedRun(options, postgres, bench.Meter, bench.Workloads, bodies, StartApi);
    try { await sharded.RunAsync(); }
    catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or Npgsql.NpgsqlException)
    {
        shardedFailed = true;
        AnsiConsole.MarkupLine($"[red]The sharded stage failed:[/] {Markup.Escape(e.ToString())}");
    }
    Directory.CreateDirectory(options.ResultsFolder);
    File.WriteAllText(Path.Combine(options.ResultsFolder, "sharded-service-output-tail.log"), sharded.ServiceOutput);
    if (sharded.PeakRssBytes > peakRss) (peakRss, peakSplit) = (sharded.PeakRssBytes, sharded.PeakSplit);
}
var report = Report.Build(options, bench, peakRss, machine) with { ServicePeakRssSplit = peakSplit };
Report.Print(report);
Report.Write(report, options.ResultsFolder);
File.WriteAllLines(Path.Combine(options.ResultsFolder, "statements.txt"), bench.Statements);
File.WriteAllLines(Path.Combine(options.ResultsFolder, "plans.txt"), bench.Plans);
File.WriteAllText(Path.Combine(options.ResultsFolder, "service-output-tail.log"), service.Output);
AnsiConsole.MarkupLine($"Results: {Markup.Escape(options.ResultsFolder)}/latest.json, latest.md, latest.png, statements.txt, plans.txt");
return report.Workloads.Sum(w => w.Failures) == 0 && !shardedFailed ? 0 : 1;
