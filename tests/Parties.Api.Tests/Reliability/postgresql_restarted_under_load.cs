using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

/// <summary>The app on a PostgreSQL cluster of its own, which the test may stop and start.</summary>
public sealed class PrivatePostgresApp : IAsyncLifetime
{
    public PostgresCluster Cluster { get; private set; } = null!;
    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cluster = await PostgresCluster.CreateAsync(maxConnections: 100);
        Host = await AppFixture.StartHostAsync(await Cluster.CreateDatabaseAsync("outage"),
            [("Parties:RateLimit:PermitsPerMinute", "0"), ("Parties:RateLimit:SuppliersPermitsPerMinute", "0")]);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

public class postgresql_restarted_under_load(PrivatePostgresApp app) : IClassFixture<PrivatePostgresApp>
{
    private sealed record Answer(string Phase, string Dialect, int Status, string? RetryAfter, string Body, TimeSpan Took);

    // No request may hang: a database that is not there is answered, not waited for.
    private static readonly TimeSpan LongestAnswer = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task requests_during_the_outage_get_503_with_retry_after_in_each_dialect_and_the_service_recovers_by_itself()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var party = await app.Host.CreateIdAsync(org.AdminKey, new { number = "UP-1", party_type = "organization", legal_name = "Up Ltd", role = "vendor" });
        // Each answer is labelled with the phase its request started and ended in ("down" = wholly inside the outage).
        var phase = "before";
        var answers = new ConcurrentBag<Answer>();
        using var stop = new CancellationTokenSource();

        var calls = DialectShapes.CallsOf(org, party);
        var dialects = calls.Select(c => c.Dialect).Distinct().ToArray();
        var load = Enumerable.Range(0, calls.Length).Select(worker => Task.Run(async () =>
        {
            var (dialect, call) = calls[worker];
            while (!stop.IsCancellationRequested)
            {
                var started = phase;
                var clock = Stopwatch.StartNew();
                var request = app.Host.Scenario(s => { call(s); s.IgnoreStatusCode(); });
                if (await Task.WhenAny(request, Task.Delay(LongestAnswer * 2)) != request)
                    throw new TimeoutException($"A {dialect} request did not answer in {LongestAnswer * 2}");
                var result = await request;
                answers.Add(new Answer(started == phase ? started : $"{started}->{phase}", dialect, result.Context.Response.StatusCode,
                    result.Context.Response.Headers.RetryAfter.FirstOrDefault(), await result.ReadAsTextAsync(), clock.Elapsed));
                await Task.Delay(50);
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(1));
        phase = "stopping";
        await app.Cluster.StopAsync("fast");
        phase = "down";
        // At least 3 s, and until each dialect has had a request wholly inside the outage: under the whole suite's load a
        // request begun while PostgreSQL was stopping may take longer than that to be answered.
        var down = Stopwatch.StartNew();
        while (down.Elapsed < TimeSpan.FromSeconds(3) || (down.Elapsed < TimeSpan.FromSeconds(30) &&
               dialects.Any(d => !answers.Any(a => a.Phase == "down" && a.Dialect == d))))
            await Task.Delay(200);
        down.Stop();
        var readiness = await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.IgnoreStatusCode(); });
        readiness.Context.Response.StatusCode.ShouldBe(503);

        // PostgreSQL accepts connections a little before pg_ctl says so: requests from here on may go either way.
        phase = "starting";
        await app.Cluster.StartAsync();
        var outage = Stopwatch.StartNew();
        phase = "after";
        while (outage.Elapsed < TimeSpan.FromSeconds(30) &&
               dialects.Any(d => answers.Count(a => a.Phase == "after" && a.Dialect == d && a.Status < 300) < 3))
            await Task.Delay(200);
        var recovered = outage.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = answers.ToArray();
        var summary = string.Join("\n", all.GroupBy(a => (a.Phase, a.Dialect, a.Status)).Select(g => $"{g.Key}: {g.Count()}  e.g. {g.First().Body}"));
        all.ShouldAllBe(a => a.Status < 300 || a.Status == 503, summary);
        all.ShouldAllBe(a => a.Took < LongestAnswer, summary);
        all.Where(a => a.Phase == "before").ShouldAllBe(a => a.Status < 300, summary);

        var duringOutage = all.Where(a => a.Phase == "down").ToArray();
        duringOutage.Select(a => a.Dialect).Distinct().Count().ShouldBe(3, summary);
        duringOutage.ShouldAllBe(a => a.Status == 503 && a.RetryAfter == "5", summary);
        foreach (var answer in all.Where(a => a.Status == 503)) DialectShapes.ShouldBeUnavailable(answer.Dialect, answer.Body);

        foreach (var dialect in dialects)
            all.Where(a => a.Phase == "after" && a.Dialect == dialect).TakeLast(3).ShouldAllBe(a => a.Status < 300, summary);
        (await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.IgnoreStatusCode(); })).Context.Response.StatusCode.ShouldBe(200);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"PostgreSQL stopped {down.Elapsed.TotalSeconds:0.0} s under load: {duringOutage.Length} requests during the outage, all 503 with Retry-After " +
            $"(slowest {duringOutage.Max(a => a.Took).TotalMilliseconds:0} ms), 0×500; back to 2xx {recovered.TotalSeconds:0.0} s after the restart " +
            $"({all.Length} requests in all)");
    }
}
