using System.Text.Json;
using Alba;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

public sealed class OneBulkAtATimeAppFixture(TestPostgres postgres) : AppFixture(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings => base.Settings.Concat([
        ("Parties:Limits:ConcurrentBulkRequests", "1"), ("Parties:Limits:QueuedBulkRequests", "0"),
        ("Parties:Limits:ConcurrentBatchRequests", "1"), ("Parties:Limits:QueuedBatchRequests", "0"),
    ]);
}

/// <summary>While one bulk (or batch) is in progress, held by a lock on the party table, the next is refused at once in its
/// dialect's shape with Retry-After, and writes nothing; the held one completes when the lock goes.</summary>
public class bulk_and_batch_requests_are_capped_per_replica(OneBulkAtATimeAppFixture app) : IClassFixture<OneBulkAtATimeAppFixture>
{
    [Fact]
    public async Task a_bulk_past_the_cap_is_a_drf_429_with_retry_after_and_writes_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var before = await app.CountAsync(org);
        object[] Parties(string prefix, int count) =>
            [.. Enumerable.Range(1, count).Select(i => new { number = $"{prefix}-{i}", party_type = "individual", first_name = "Cap" })];

        await using var holder = await HoldPartyTableAsync();
        var held = app.Host.Scenario(s =>
        {
            s.Post.Json(Parties("HELD", 2)).ToUrl("/api/parties/bulk/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        await WaitForLockWaitersAsync(holder.Connection);

        var refused = await app.Host.Scenario(s =>
        {
            s.Patch.Json(Parties("HELD", 1)).ToUrl("/api/parties/bulk/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(429);
        });
        refused.Context.Response.Headers.RetryAfter.ToString().ShouldBe("1");
        (await refused.JsonAsync()).GetProperty("detail").GetString()!.ShouldStartWith("Too many bulk requests in progress");
        await app.Host.Scenario(s =>
        {
            s.Post.Json(Parties("REFUSED", 3)).ToUrl("/api/parties/bulk/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(429);
        });

        await holder.DisposeAsync();
        await held;
        (await app.CountAsync(org)).ShouldBe((before.Events + 2, before.Parties + 2, before.Audit + 2));
        (await app.Host.GetJsonAsync(org.AdminKey, "/api/parties/?search=REFUSED")).GetProperty("count").GetInt32().ShouldBe(0);

        // The cap is free again.
        await app.Host.Scenario(s =>
        {
            s.Post.Json(Parties("AFTER", 1)).ToUrl("/api/parties/bulk/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
    }

    [Fact]
    public async Task a_suppliers_batch_past_the_cap_is_a_cin7_503_with_retry_after_and_writes_nothing()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var before = await app.CountAsync(org);

        await using var holder = await HoldPartyTableAsync();
        var held = Suppliers.WriteAsync(app.Host, org, HttpMethod.Post, [Suppliers.Valid("Held Supplier")]);
        await WaitForLockWaitersAsync(holder.Connection);

        var refused = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { Suppliers = new[] { Suppliers.Valid("Refused Supplier") } }).ToUrl("/Suppliers");
            s.WithCin7Key(org, org.BookkeeperKey);
            s.StatusCodeShouldBe(503);
        });
        refused.Context.Response.Headers.RetryAfter.ToString().ShouldBe("1");
        var error = (await refused.JsonAsync()).EnumerateArray().Single();
        error.GetProperty("ErrorCode").GetInt32().ShouldBe(503);
        error.GetProperty("Exception").GetString()!.ShouldStartWith("Too many batches in progress");

        await holder.DisposeAsync();
        (await held).GetProperty("Suppliers")[0].GetProperty("OperationStatus").GetString().ShouldBe("succeeded");
        (await app.CountAsync(org)).ShouldBe((before.Events + 1, before.Parties + 1, before.Audit + 1));
        var listed = await app.Host.Scenario(s =>
        {
            s.Get.Url("/Suppliers?name=refused");
            s.WithCin7Key(org, org.BookkeeperKey);
        });
        (await listed.JsonAsync()).GetProperty("Total").GetInt32().ShouldBe(0);
    }

    private sealed class TableHold(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public NpgsqlConnection Connection => connection;
        private bool _released;

        public async ValueTask DisposeAsync()
        {
            if (_released) return;
            _released = true;
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }

    private async Task<TableHold> HoldPartyTableAsync()
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await new NpgsqlCommand($"LOCK TABLE {PartiesStore.Schema}.mt_doc_party IN ACCESS EXCLUSIVE MODE", connection, transaction).ExecuteNonQueryAsync();
        return new TableHold(connection, transaction);
    }

    private static async Task WaitForLockWaitersAsync(NpgsqlConnection connection)
    {
        for (var i = 0; i < 200; i++)
        {
            // A fresh pg_stat_activity snapshot each time: within one transaction PostgreSQL keeps the first one.
            await new NpgsqlCommand("select pg_stat_clear_snapshot()", connection).ExecuteNonQueryAsync();
            await using var command = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
                connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("The held request never reached the locked table.");
    }
}
