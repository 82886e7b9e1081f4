using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

public class sigterm_drains_in_flight_requests(TestPostgres postgres)
{
    private const int ShutdownTimeoutSeconds = 20;

    [Fact]
    public async Task a_request_in_flight_at_sigterm_completes_new_connections_are_refused_and_the_process_exits_0()
    {
        var database = await postgres.CreateDatabaseAsync("drain");
        await using var app = new AppProcess(database, ("Parties:ShutdownTimeoutSeconds", ShutdownTimeoutSeconds.ToString()));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(1) };
        var (_, key) = await Organizations.CreateAsync(http);
        http.DefaultRequestHeaders.Add("Authorization", $"Api-Key {key}");
        using var created = await http.PostAsJsonAsync("/api/parties/", new { number = "D-1", party_type = "individual", first_name = "Dana" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();

        // A slow request: its read waits for a lock the test holds.
        await using var holder = new NpgsqlConnection(database);
        await holder.OpenAsync();
        var transaction = await holder.BeginTransactionAsync();
        await new NpgsqlCommand($"LOCK TABLE {PartiesStore.Schema}.mt_doc_party IN ACCESS EXCLUSIVE MODE", holder, transaction).ExecuteNonQueryAsync();
        var slow = http.GetAsync($"/api/parties/{id}/");
        await WaitUntilAsync(async () =>
        {
            // Inside a transaction PostgreSQL keeps the first pg_stat_activity it read: drop it before each look.
            await new NpgsqlCommand("select pg_stat_clear_snapshot()", holder, transaction).ExecuteNonQueryAsync();
            return (long)(await new NpgsqlCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", holder, transaction)
                .ExecuteScalarAsync())! > 0;
        });

        var clock = Stopwatch.StartNew();
        await app.TerminateAsync();

        // New connections are refused (or answered 503) soon after SIGTERM, while the slow request still waits.
        await WaitUntilAsync(async () =>
        {
            using var fresh = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var answer = await fresh.GetAsync("/health/live");
                return answer.StatusCode == HttpStatusCode.ServiceUnavailable;
            }
            catch (HttpRequestException) { return true; }
            catch (TaskCanceledException) { return false; }
        });
        var refusedAfter = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        slow.IsCompleted.ShouldBeFalse();

        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        using var answered = await slow;
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.ExitedWithinAsync(TimeSpan.FromSeconds(ShutdownTimeoutSeconds + 10))).ShouldBeTrue(app.Output);
        app.ExitCode.ShouldBe(0, app.Output);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"SIGTERM with a request in flight: new connections refused after {refusedAfter.TotalSeconds:0.0} s, the request answered " +
            $"{(int)answered.StatusCode} once its lock was released, exit 0 after {clock.Elapsed.TotalSeconds:0.0} s (limit {ShutdownTimeoutSeconds} s)");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The condition was not met in 15 s");
    }
}
