using System.Text.Json;
using Marten;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.SuppliersDialect;
using Shouldly;

namespace Parties.Api.Tests.History;

public class idempotency_keys_on_suppliers_batches(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Batch(params object[] suppliers) => JsonSerializer.Serialize(new { Suppliers = suppliers });

    private static Dictionary<string, object?> Invalid(string name)
    {
        var item = Suppliers.Valid(name);
        item["Currency"] = "XYZ";
        return item;
    }

    [Fact]
    public async Task a_repeated_batch_answers_every_item_as_the_first_time_refusals_included_and_writes_nothing()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var key = IdempotencyCalls.NewKey();
        var body = Batch(Suppliers.Valid("Alpha"), Invalid("Broken"), Suppliers.Valid("Gamma"));

        var first = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/Suppliers", body, key);
        first.Status.ShouldBe(200, first.Body);
        var statuses = JsonDocument.Parse(first.Body).RootElement.GetProperty("Suppliers").EnumerateArray()
            .Select(s => s.GetProperty("OperationStatus").GetString());
        statuses.ShouldBe(["succeeded", "failed", "succeeded"]);

        var again = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/Suppliers", body, key);
        again.ShouldRepeat(first);
        again.Replayed.ShouldBeTrue();
        (await app.EventCountAsync(org)).ShouldBe(2);
        (await app.IdempotencyRecordsAsync(org)).Select(r => r.Item).Order().ShouldBe([0, 1, 2]);
    }

    [Fact]
    public async Task a_repeated_update_batch_replays_and_another_body_is_a_422_in_the_suppliers_shape()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var id = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Alpha"))).GetProperty("ID").GetGuid();
        var key = IdempotencyCalls.NewKey();
        var renamed = Suppliers.Valid("Alpha Ltd");
        renamed["ID"] = id;

        var first = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Put, "/Suppliers", Batch(renamed), key);
        first.Status.ShouldBe(200, first.Body);
        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Put, "/Suppliers", Batch(renamed), key)).ShouldRepeat(first);

        renamed["Name"] = "Alpha Limited";
        var reused = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Put, "/Suppliers", Batch(renamed), key);
        reused.Status.ShouldBe(422, reused.Body);
        var error = JsonDocument.Parse(reused.Body).RootElement.EnumerateArray().ShouldHaveSingleItem();
        error.GetProperty("ErrorCode").GetInt32().ShouldBe(422);
        error.GetProperty("Exception").GetString().ShouldBe("This Idempotency-Key was already used for another request (method, path or body).");
        (await app.EventCountAsync(org)).ShouldBe(2);
    }

    [Fact]
    public async Task a_batch_cut_short_by_a_crash_leaves_none_of_its_items_and_its_retry_writes_each_once()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var key = IdempotencyCalls.NewKey();
        var body = Batch(Suppliers.Valid("Alpha"), Suppliers.Valid("Crash Test"), Suppliers.Valid("Gamma"));
        // The database holds the second item's event until the client is gone: the request ends in the middle of the
        // batch's one transaction, as if the process died there. (A failure the request survives is its items' own
        // errors, not the end of the batch.)
        await app.ExecuteAsync("""
            create function parties.hold_crash_test() returns trigger language plpgsql as $$
            begin if new.data::text like '%Crash Test%' then perform pg_sleep(60); end if; return new; end $$;
            create trigger hold_crash_test before insert on parties.mt_events for each row execute function parties.hold_crash_test();
            """);
        using (var gone = new CancellationTokenSource())
        {
            var cut = app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/Suppliers", body, key, gone.Token);
            await WaitUntilAsync("select count(*) > 0 from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep'");
            await gone.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(cut);
        }
        await WaitUntilAsync("select count(*) = 0 from pg_stat_activity where datname = current_database() and wait_event = 'PgSleep'");
        await app.ExecuteAsync("drop trigger hold_crash_test on parties.mt_events;");

        // One transaction: the item before the cut was not written either, nor any item's record.
        (await app.EventCountAsync(org)).ShouldBe(0);
        (await app.IdempotencyRecordsAsync(org)).ShouldBeEmpty();
        (await app.Store.CountAsync(org)).ShouldBe((0, 0));

        var retried = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/Suppliers", body, key);
        retried.Status.ShouldBe(200, retried.Body);
        retried.Replayed.ShouldBeFalse();
        var items = JsonDocument.Parse(retried.Body).RootElement.GetProperty("Suppliers");
        items.EnumerateArray().ShouldAllBe(i => i.GetProperty("OperationStatus").GetString() == "succeeded");
        (await app.EventCountAsync(org)).ShouldBe(3);

        var again = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/Suppliers", body, key);
        again.ShouldRepeat(retried);
        again.Replayed.ShouldBeTrue();
        (await app.EventCountAsync(org)).ShouldBe(3);
        (await app.IdempotencyRecordsAsync(org)).Select(r => r.Item).Order().ShouldBe([0, 1, 2]);
    }

    private async Task WaitUntilAsync(string condition)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = new NpgsqlCommand(condition, connection);
            if ((bool)(await command.ExecuteScalarAsync())!) return;
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"waited 30 s for: {condition}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task ten_concurrent_batches_with_one_key_write_each_item_once()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var key = IdempotencyCalls.NewKey();
        var body = Batch(Suppliers.Valid("Alpha"), Suppliers.Valid("Beta"), Invalid("Broken"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/Suppliers", body, key)));

        foreach (var answer in answers) answer.ShouldRepeat(answers[0]);
        answers[0].Status.ShouldBe(200, answers[0].Body);
        (await app.EventCountAsync(org)).ShouldBe(2);
    }
}
