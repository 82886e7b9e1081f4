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

        // The test holds the party table against writes, so the bulk's transaction stops at its first party row
        // after its events are written: deterministically "in the middle".
        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        var transaction = await holder.BeginTransactionAsync();
        await Sql(holder, $"LOCK TABLE {PartiesStore.Schema}.mt_doc_party IN SHARE MODE", transaction);

        var bulk = Send(http, key, items);
        var writer = await WaitForAsync(holder, "select pid from pg_stat_activity where datname = current_database() " +
                                                "and wait_event_type = 'Lock' and pid <> pg_backend_pid()", transaction);
        // Its transaction has written events already: it holds a write lock on the events table.
        (await Sql(holder, "select count(*) from pg_locks l join pg_class c on c.oid = l.relation " +
                           $"where l.pid = {writer} and c.relname = 'mt_events' and l.mode = 'RowExclusiveLock' and l.granted", transaction))
            .ShouldBe(1L);

        await app.KillAsync();
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        (await Should.ThrowAsync<HttpRequestException>(bulk)).ShouldNotBeNull();
        // PostgreSQL ends the dead client's session (and rolls its transaction back) once it runs again.
        await WaitForAsync(holder, $"select 1 where not exists (select 1 from pg_stat_activity where pid = {writer})");

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
