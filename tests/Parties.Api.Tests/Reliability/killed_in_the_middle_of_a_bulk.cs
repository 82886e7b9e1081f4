using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Shouldly;
using static Parties.Api.Tests.Infrastructure.DatabaseWaits;

namespace Parties.Api.Tests.Reliability;

public class killed_in_the_middle_of_a_bulk(TestPostgres postgres)
{
    private const int Items = 1000;

    [Fact]
    public async Task a_sigkill_inside_the_bulks_transaction_leaves_all_of_it_or_none_after_a_restart()
    {
        var database = await postgres.CreateDatabaseAsync("killed");
        await using var app = new AppProcess(database);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(2) };
        var (_, key) = await Organizations.CreateAsync(http);
        var items = Enumerable.Range(0, Items).Select(i => new { number = $"K{i:0000}", party_type = "individual", first_name = $"Kim {i}" }).ToArray();

        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        await KilledMidTransaction.KillWhileWritingAsync(app, holder, () => Send(http, key, items));

        var clock = Stopwatch.StartNew();
        await app.StartAsync();
        var restart = clock.Elapsed;
        var (events, streams, parties, audit) = await CaughtUpCountsAsync(holder);
        new[] { streams, parties, audit }.ShouldAllBe(n => n == events, $"events {events}, streams {streams}, parties {parties}, audit {audit}");
        events.ShouldBeOneOf(0L, Items);

        // The service works on: the same bulk again lands whole (or is refused whole, had the first one landed).
        using var again = await Send(http, key, items);
        again.StatusCode.ShouldBe(events == 0 ? HttpStatusCode.Created : HttpStatusCode.BadRequest, app.Output);
        (await CaughtUpCountsAsync(holder)).ShouldBe((Items, Items, Items, Items));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"SIGKILL inside a {Items}-item bulk's transaction: after restart {events} events, {parties} parties, {audit} audit entries " +
            $"(all or nothing); restart took {restart.TotalSeconds:0.0} s; the same bulk again: {(int)again.StatusCode}");
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, string key, object items)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/parties/bulk/") { Content = JsonContent.Create(items) };
        request.Headers.Add("Authorization", $"Api-Key {key}");
        return http.SendAsync(request);
    }

    /// <summary>The counts once the async daemon has indexed every event for the audit query (or after 30 s).</summary>
    private static async Task<(long Events, long Streams, long Parties, long Audit)> CaughtUpCountsAsync(NpgsqlConnection connection)
    {
        var counts = await CountsAsync(connection);
        for (var i = 0; i < 300 && counts.Audit != counts.Events; i++)
        {
            await Task.Delay(100);
            counts = await CountsAsync(connection);
        }
        return counts;
    }

    private static async Task<(long Events, long Streams, long Parties, long Audit)> CountsAsync(NpgsqlConnection connection)
    {
        var schema = PartiesStore.Schema;
        return ((long)(await Sql(connection, $"select count(*) from {schema}.mt_events"))!,
            (long)(await Sql(connection, $"select count(*) from {schema}.mt_streams"))!,
            (long)(await Sql(connection, $"select count(*) from {schema}.mt_doc_party"))!,
            (long)(await Sql(connection, $"select count(*) from {schema}.mt_doc_auditentry"))!);
    }
}
