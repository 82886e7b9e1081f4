using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

public class killed_while_deliveries_are_pending(TestPostgres postgres)
{
    private const int Parties = 10;

    [Fact]
    public async Task a_sigkill_with_deliveries_in_flight_and_waiting_for_retries_delivers_them_all_after_the_restart()
    {
        await using var receiver = await Receiver.StartAsync();
        // Refuse everything for now, slowly, so at the kill some attempts are in flight and the rest wait for retries.
        receiver.Answer = _ => 503;
        receiver.Delay = TimeSpan.FromSeconds(2);
        var database = await postgres.CreateDatabaseAsync("webhooks_killed");
        await using var app = new AppProcess(database,
            ("Parties:Webhooks:AllowPrivateTargets", "true"), ("Parties:Webhooks:RetrySchedule", "00:00:01,00:00:02,00:00:02,00:00:05,00:00:05"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(1) };
        var (_, key) = await Organizations.CreateAsync(http);
        await PostAsync(http, key, "/api/webhooks/", new { url = receiver.Url, events = new[] { "*" } });
        var ids = new List<string>();
        for (var i = 0; i < Parties; i++)
            ids.Add((await PostAsync(http, key, "/api/parties/", new { number = $"K-{i}", party_type = "individual", first_name = "Kai" }))
                .GetProperty("id").GetString()!);
        for (var i = 0; i < 300 && receiver.Arrived < 3; i++) await Task.Delay(100);
        receiver.Arrived.ShouldBeGreaterThanOrEqualTo(3, app.Output);

        await app.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        receiver.Answer = _ => 200;
        receiver.Delay = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        await app.StartAsync();

        IReadOnlyList<Received> got;
        try
        {
            got = await receiver.WaitForAsync(Parties, TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nDeliveries:\n{await DeliveriesAsync(database)}\nService output:\n{app.Output}", e);
        }
        var elapsed = clock.Elapsed;
        got.Select(r => r.Party.ToString()).ShouldBe(ids, ignoreOrder: true);
        got.ShouldAllBe(r => r.At > killedAt);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"SIGKILL with {receiver.Arrived - receiver.Requests.Count(r => r.Accepted)} attempts refused or in flight: all {Parties} delivered " +
            $"{elapsed.TotalSeconds:0.0} s after the restart began ({receiver.Requests.Count(r => r.Accepted)} accepted requests for {Parties} events)");
    }

    /// <summary>Where each delivery stands, for a failure's message: which one was left behind, and why.</summary>
    private static async Task<string> DeliveriesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        // The deliveries, then how far the fan-out and the other daemon shards have read the events.
        await using var command = new NpgsqlCommand(
            "select * from (select data ->> 'sequence', data ->> 'status', data ->> 'attempts', data ->> 'nextAttemptAt', now()::text " +
            "from parties.mt_doc_webhookdelivery order by (data ->> 'sequence')::bigint) d " +
            "union all select name, last_seq_id::text, (select max(seq_id) from parties.mt_events)::text, last_updated::text, null " +
            "from parties.mt_event_progression", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : reader.GetValue(i).ToString())));
        return string.Join("\n", lines);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string key, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Authorization", $"Api-Key {key}");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
