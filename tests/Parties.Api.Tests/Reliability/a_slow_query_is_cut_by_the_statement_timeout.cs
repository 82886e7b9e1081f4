using System.Diagnostics;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

public sealed class OneSecondStatementsAppFixture(TestPostgres postgres) : AppFixture(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings => base.Settings.Append(("Parties:StatementTimeoutSeconds", "1"));
}

public class a_slow_query_is_cut_by_the_statement_timeout(OneSecondStatementsAppFixture app) : IClassFixture<OneSecondStatementsAppFixture>
{
    [Fact]
    public async Task a_read_blocked_past_the_timeout_answers_503_and_postgresql_stops_the_query()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "SLOW-1", party_type = "individual", first_name = "Sam" });

        // The test holds the party table, so the app's read waits for the lock until its statement is cut.
        await using var holder = new NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await new NpgsqlCommand($"LOCK TABLE {PartiesStore.Schema}.mt_doc_party IN ACCESS EXCLUSIVE MODE", holder, transaction).ExecuteNonQueryAsync();

        var clock = Stopwatch.StartNew();
        var answer = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/parties/{id}/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(503);
        });
        clock.Stop();

        answer.Context.Response.Headers.RetryAfter.ToString().ShouldBe("5");
        (await answer.JsonAsync()).GetProperty("detail").GetString().ShouldBe("Service temporarily unavailable, try again later.");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        // Cut in PostgreSQL itself: nothing of the app's is left waiting for the lock the test still holds.
        (await WaitingForLocksAsync(holder)).ShouldBe(0);

        await transaction.RollbackAsync();
        await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"statement_timeout 1 s, a read blocked by a lock: 503 with Retry-After after {clock.Elapsed.TotalSeconds:0.0} s, 0 queries left waiting");
    }

    private static async Task<long> WaitingForLocksAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
