using System.Collections.Concurrent;
using System.Text.Json;
using Parties.Testing;
using Spectre.Console;

namespace Parties.Bench;

/// <summary>
/// The single-database stage of a run (the sharded stage follows, <see cref="ShardedRun"/>): PostgreSQL, the service
/// and the baseline started; organizations made and loaded through the bulk endpoint; each workload warmed up, then
/// driven for the set time while the database's counters and both processes' CPU are read before and after.
/// </summary>
public sealed class Bench(BenchOptions options, BenchPostgres postgres, ServiceProcess service, ServiceProcess baseline, string baselineKey,
    Func<int, Task<ServiceProcess>> startService, Func<int, Task<ServiceProcess>> startBaseline, Bodies bodies)
{
    public const string ServiceDatabase = "parties", BaselineDatabase = "baseline";
    public const string Floor = "baseline", EventSourcedFloor = "event-sourced SQL floor";
    private readonly PartyLoad _load = new(bodies, options.BulkConcurrency);
    private readonly Site _service = new(service, postgres, ServiceDatabase), _baseline = new(baseline, postgres, BaselineDatabase);

    public Meter Meter { get; } = new(options);
    public Workloads Workloads { get; } = new(bodies);
    public IReadOnlyList<WorkloadResult> Results => Meter.Results;
    public List<string> Statements => Meter.Statements;
    public List<string> Plans { get; } = [];

    /// <summary>Whether PostgreSQL served the search= list with the trigram index (from its logged plan).</summary>
    public bool? SearchUsesIndex { get; private set; }
    public double LoadPartiesPerSecond { get; private set; }

    /// <summary>Commit-to-receiver lag of the creates made with a subscription, and how many of them arrived.</summary>
    public (double P50Ms, double P99Ms, long Created, long Delivered)? WebhookLag { get; private set; }

    public async Task RunAsync()
    {
        using var setup = LoadRunner.Client(service.Url, options.BulkConcurrency);
        var adminKey = Environment.GetEnvironmentVariable("PARTIES_BENCH_ADMIN_KEY")!;
        var main = await ServiceClient.CreateOrganizationAsync(setup, adminKey, "Bench main");
        var others = new List<BenchOrganization>();
        for (var i = 0; i < options.OtherOrganizations; i++) others.Add(await ServiceClient.CreateOrganizationAsync(setup, adminKey, $"Bench other {i}"));

        AnsiConsole.MarkupLine($"Loading {options.OtherOrganizations} × {options.PartiesPerOtherOrganization:N0} parties in other organizations…");
        foreach (var other in others) await _load.LoadAsync(setup, other, options.PartiesPerOtherOrganization, keepIds: false);
        AnsiConsole.MarkupLine($"Loading {options.Parties:N0} parties into the main organization through POST /api/parties/bulk/…");
        var started = DateTime.UtcNow;
        await _load.LoadAsync(setup, main, options.Parties, keepIds: true);
        LoadPartiesPerSecond = options.Parties / (DateTime.UtcNow - started).TotalSeconds;
        AnsiConsole.MarkupLine($"  {LoadPartiesPerSecond:N0} parties/s");
        await postgres.ExecuteAsync(ServiceDatabase, "VACUUM ANALYZE");
        AnsiConsole.MarkupLine($"Loading the baseline's tables to the same size ({options.Parties:N0} rows each)…");
        await BaselineLoad.LoadAsync(postgres, options.Parties);

        var vendors = _load.VendorIds.OrderBy(_ => Random.Shared.Next()).ToArray();
        var parties = _load.PartyIds.ToArray();
        var longStreams = vendors[..options.Concurrency];
        var fresh = vendors[options.Concurrency..];
        AnsiConsole.MarkupLine($"Giving {longStreams.Length} vendors {options.LongStreamEvents} events each…");
        await GrowStreamsAsync(main, longStreams);
        await DaemonCatchUp.WaitAsync(postgres, ServiceDatabase, TimeSpan.FromMinutes(options.Quick ? 1 : 10));

        using var client = LoadRunner.Client(service.Url, options.Concurrency);
        using var baselineClient = LoadRunner.Client(baseline.Url, options.Concurrency);
        var work = Workloads;

        // Single create: the same bodies to both.
        var singleBodies = work.CreateBodies;
        var baselineIds = new ConcurrentQueue<Guid>();
        await MeasureAsync("create", Floor, baselineClient, options.Concurrency, 1, true, async (http, w, n) =>
        {
            using var response = await http.SendAsync(ServiceClient.Request(HttpMethod.Post, "/api/parties/", baselineKey,
                bodies.Body(singleBodies[n % singleBodies.Length])));
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode) baselineIds.Enqueue(JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid());
            return (int)response.StatusCode == 201;
        });
        await MeasureAsync("create", EventSourcedFloor, baselineClient, options.Concurrency, 1, true, (http, w, n) =>
            Workloads.SendAsync(http, HttpMethod.Post, "/es/api/parties/", baselineKey, bodies.Body(singleBodies[n % singleBodies.Length]), 201));
        await MeasureAsync("create", "service", client, options.Concurrency, 1, true, work.Create(main.Key));

        // PATCH of three fields: name, email, phone; each request a row or vendor written once before.
        await MeasureAsync("patch", Floor, baselineClient, options.Concurrency, 1, true, work.Patch(baselineKey, baselineIds.ToArray()));
        await MeasureAsync("patch 1-event", "service", client, options.Concurrency, 1, true, work.Patch(main.Key, fresh));

        // The same PATCH, each worker on a vendor of its own that has a long history.
        Call audit = (http, w, n) => Workloads.SendAsync(http, HttpMethod.Get, $"/v1.0/vendor/{longStreams[w % longStreams.Length]}/audit-trail", main.Key, null, 200);
        await MeasureAsync($"audit trail {options.LongStreamEvents}-event", "service", client, options.Concurrency, 1, false, audit);
        await PlanAsync("audit trail, first page of 50", () => audit(client, 0, 0));
        await MeasureAsync($"patch {options.LongStreamEvents}-event", "service", client, options.Concurrency, 1, true, work.PatchOwn(main.Key, longStreams));

        await MeasureAsync("bulk 1000", "service", client, options.BulkConcurrency, 1000, true, work.Bulk(main.Key));
        await MeasureAsync("cin7 batch 100", "service", client, options.Concurrency, 100, true, work.SuppliersBatch(main));

        // Cin7's list: suppliers whose name starts with the given text, a page of 100 and the total count.
        var list = work.PrefixList(main);
        var listName = Workloads.PrefixListName(options.Parties);
        await MeasureAsync(listName, "service", client, options.Concurrency, 1, false, list);
        // The answer time of one request on its own: the page and count, not the queue of 16 on two cores.
        await MeasureAsync(listName, "service", client, 1, 1, false, list);
        // The page, then the bounded count.
        await PlanAsync(listName, () => list(client, 0, Random.Shared.Next(64)), statements: 2);

        // The Parties list's search= (contains over name, number, mobile and national code): a page of 100 with its count.
        var fake = new FakeParties(1005);
        var searches = Enumerable.Range(0, 64).Select(_ => fake.LastName()).ToArray();
        Call search = (http, w, n) => Workloads.SendAsync(http, HttpMethod.Get,
            $"/api/parties/?search={Uri.EscapeDataString(searches[n % searches.Length])}&page_size=100", main.Key, null, 200);
        await MeasureAsync($"list search= of {options.Parties / 1000:N0}k", "service", client, 1, 1, false, search);
        // The matching ids with their count, then the page's documents by id.
        var searchPlan = await PlanAsync("list search=", () => search(client, 0, Random.Shared.Next(searches.Length)), statements: 2);
        SearchUsesIndex = searchPlan.Contains("mt_doc_party_idx_search", StringComparison.Ordinal);

        await MeasureAsync("details", "service", client, options.Concurrency, 1, false, Workloads.Details(main.Key, parties));

        // A party's likely duplicates (issue #17 asks 50 ms p50 at 1,000,000 parties): an index lookup per key it holds and
        // the trigram lookup of its name, one request at a time, so the figure is the answer time, not a queue.
        await MeasureAsync($"duplicates of one of {options.Parties / 1000:N0}k", "service", client, 1, 1, false, (http, w, n) =>
            Workloads.SendAsync(http, HttpMethod.Get, $"/api/parties/{parties[Random.Shared.Next(parties.Length)]}/duplicates/", main.Key, null, 200));

        await RoundTripsAsync();
        await MeasureWithWebhookAsync(main, client);
    }

    /// <summary>
    /// Single create again, now with one webhook subscription of the organization to a receiver on the loopback:
    /// the write throughput beside the one without, and each event's lag from its commit to the receiver. Last, so
    /// deliveries still going out cost no other workload its CPU.
    /// </summary>
    private async Task MeasureWithWebhookAsync(BenchOrganization main, HttpClient client)
    {
        const string name = "create, 1 webhook subscription";
        if (!options.Selects("service", name)) return;
        await using var receiver = new WebhookReceiver();
        using var subscribe = await client.SendAsync(ServiceClient.Request(HttpMethod.Post, "/api/webhooks/", main.Key,
            FakeParties.Json(new { url = receiver.Url, events = new[] { "party.created" }, description = "bench" })));
        await ServiceClient.EnsureAsync(subscribe, "webhook subscription");
        long created = 0;
        var create = Workloads.Create(main.Key);
        await MeasureAsync(name, "service", client, options.Concurrency, 1, true, async (http, w, n) =>
        {
            var ok = await create(http, w, n);
            if (ok) Interlocked.Increment(ref created);
            return ok;
        });
        var delivered = await receiver.WaitForAsync(created, TimeSpan.FromMinutes(options.Quick ? 1 : 5));
        WebhookLag = (receiver.LagPercentileMs(50), receiver.LagPercentileMs(99), created, delivered);
        AnsiConsole.MarkupLine($"  webhooks: {delivered:N0} of {created:N0} delivered; lag p50 {WebhookLag.Value.P50Ms:N0} ms, p99 {WebhookLag.Value.P99Ms:N0} ms");
    }

    private async Task<string> PlanAsync(string name, Func<Task> request, int statements = 1)
    {
        var plan = await global::Parties.Bench.Plans.CaptureAsync(postgres, request, statements);
        Plans.Add($"## {name}");
        Plans.Add(plan);
        Plans.Add("");
        return plan;
    }

    /// <summary>
    /// Round trips per request of each workload: the service and the baseline started again on the same data, each
    /// through a <see cref="RoundTripProxy"/>, and every workload's request sent one at a time (after a warm-up).
    /// Separate from the measured runs, so the relay's cost is in no other figure. A request's own count is the round
    /// trips between its sending and its answer, the median over the requests: the requests go one at a time, so a
    /// window holds one request, and the async daemon's work for earlier writes (its reads and the audit rows, batched
    /// over many events) lands in a few windows only. The mean of all traffic beside it, with the background measured
    /// while idle (Wolverine's agents polling) taken off, keeps the daemon's share in sight.
    /// </summary>
    private async Task RoundTripsAsync()
    {
        AnsiConsole.MarkupLine("[grey]Round trips per request (a second service and baseline through a counting relay)…[/]");
        await using var serviceProxy = new RoundTripProxy(postgres.Port);
        await using var baselineProxy = new RoundTripProxy(postgres.Port);
        await using var probeService = await startService(serviceProxy.Port);
        await using var probeBaseline = await startBaseline(baselineProxy.Port);
        using var serviceHttp = LoadRunner.Client(probeService.Url, 1);
        using var baselineHttp = LoadRunner.Client(probeBaseline.Url, 1);
        var done = new Dictionary<Call, (long Median, double Mean)>();
        foreach (var (index, call) in Meter.Probes)
        {
            var result = Meter.Results[index];
            if (!done.TryGetValue(call, out var perRequest))
            {
                var isService = result.Service == "service";
                var (proxy, http) = isService ? (serviceProxy, serviceHttp) : (baselineProxy, baselineHttp);
                var requests = result.ItemsPerRequest > 1 ? 3 : 30;
                for (var i = 0; i < 6; i++) await call(http, 0, 9_000_000 + i);
                var idleFrom = proxy.RoundTrips;
                var idle = System.Diagnostics.Stopwatch.StartNew();
                await Task.Delay(options.Quick ? 1500 : 3000);
                var idleRate = (proxy.RoundTrips - idleFrom) / idle.Elapsed.TotalSeconds;
                var from = proxy.RoundTrips;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var own = new long[requests];
                for (var i = 0; i < requests; i++)
                {
                    var before = proxy.RoundTrips;
                    await call(http, 0, 9_100_000 + i);
                    own[i] = proxy.RoundTrips - before;
                }
                var counted = proxy.RoundTrips - from - idleRate * clock.Elapsed.TotalSeconds;
                Array.Sort(own);
                done[call] = perRequest = (own[requests / 2], Math.Max(0, counted / requests));
            }
            Meter.Results[index] = result with { RoundTripsPerRequest = perRequest.Median, RoundTripsWithBackground = perRequest.Mean };
            AnsiConsole.MarkupLine($"  {Markup.Escape(result.Service)}: {Markup.Escape(result.Name)}: {perRequest.Median} round trips/request " +
                $"(median; {perRequest.Mean:0.00} a request with all traffic in the window)");
        }
    }

    private async Task GrowStreamsAsync(BenchOrganization org, Guid[] streams)
    {
        using var http = LoadRunner.Client(service.Url, streams.Length);
        var fake = new FakeParties(7);
        var patches = Bodies.Templates(64, _ => fake.VendorPatch("@@"));
        await Task.WhenAll(streams.Select(async (id, w) =>
        {
            for (var i = 1; i < options.LongStreamEvents; i++)
                for (var attempt = 1; ; attempt++)
                {
                    using var response = await http.SendAsync(ServiceClient.Request(HttpMethod.Patch, $"/v1.0/vendor/{id}", org.Key,
                        bodies.Body(patches[i % patches.Length])));
                    var answer = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    if (status == 200) break;
                    var said = $"PATCH of vendor {id} answered {status}: {answer[..Math.Min(400, answer.Length)]}";
                    // The service's transient answers (503 with Retry-After, 429) are tried again, and said, so that a run
                    // shows them; anything else stops the run.
                    if (status is not (503 or 429) || attempt == 3)
                        throw new InvalidOperationException($"{said}\nThe service's last lines:\n{service.Output}");
                    AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(said)}; trying again[/]");
                    await Task.Delay(TimeSpan.FromSeconds(attempt));
                }
        }));
    }

    private Task MeasureAsync(string name, string target, HttpClient http, int concurrency, int items, bool writes, Call call) =>
        Meter.MeasureAsync(name, target, target == "service" ? _service : _baseline, http, concurrency, items, writes, call);
}
