using System.Diagnostics;
using System.Text.Json;
using Marten;
using Marten.Services;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.History;

public class the_change_feed_reads_in_global_order_up_to_the_high_water_mark(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<JsonElement> FeedAsync(string key, string query, int status = 200) =>
        app.Host.GetJsonAsync(key, $"/api/changes/{query}", status);

    private static long[] Sequences(JsonElement page) =>
        [.. page.GetProperty("results").EnumerateArray().Select(i => i.GetProperty("sequence").GetInt64())];

    [Fact]
    public async Task items_carry_sequence_party_type_fields_and_time_and_the_cursor_moves_on()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var jane = await app.Host.CreateIdAsync(org.AdminKey, new { number = "F-1", party_type = "individual", first_name = "Jane" });
        await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Patch, $"/api/parties/{jane}/", new { notes = "VIP" }, 200);
        var vendor = await Vendors.CreateAsync(app.Host, org.AdminKey, "Feed Vendor");
        var other = await Organizations.CreateAsync(app.Host, "Other");
        await app.Host.CreateIdAsync(other.AdminKey, new { number = "F-1", party_type = "individual", first_name = "Elsewhere" });

        var page = await FeedAsync(org.BookkeeperKey, "?after=0&wait=10");
        while (page.GetProperty("results").GetArrayLength() < 3)
            page = await FeedAsync(org.BookkeeperKey, "?after=0&wait=10");
        var items = page.GetProperty("results").EnumerateArray().ToArray();
        items.Select(i => i.GetProperty("party").GetGuid()).ShouldBe([jane, jane, vendor]);
        Sequences(page).ShouldBeInOrder(SortDirection.Ascending);
        items.Select(i => i.GetProperty("type").GetString()).ShouldBe(["party_registered", "party_changed", "party_registered"]);
        items[1].GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldBe(["notes"]);
        items[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldContain("first_name");
        items[1].GetProperty("timestamp").GetDateTimeOffset().ShouldBeGreaterThan(items[0].GetProperty("timestamp").GetDateTimeOffset());

        var after = page.GetProperty("after").GetInt64();
        after.ShouldBeGreaterThanOrEqualTo(Sequences(page)[^1]);
        page.GetProperty("next").GetString()!.ShouldEndWith($"after={after}&wait=10");
        Sequences(await FeedAsync(org.AdminKey, $"?after={after}")).ShouldBeEmpty();

        var first = await FeedAsync(org.AdminKey, "?after=0&limit=2");
        Sequences(first).ShouldBe(Sequences(page)[..2]);
        first.GetProperty("after").GetInt64().ShouldBe(Sequences(page)[1]);
        Sequences(await FeedAsync(org.AdminKey, $"?after={first.GetProperty("after").GetInt64()}")).ShouldBe(Sequences(page)[2..]);
    }

    [Fact]
    public async Task a_long_poll_answers_as_soon_as_a_change_arrives_and_empty_after_the_wait()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var clock = Stopwatch.StartNew();
        var empty = await FeedAsync(org.AdminKey, "?wait=1");
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
        Sequences(empty).ShouldBeEmpty();
        var after = empty.GetProperty("after").GetInt64();

        clock.Restart();
        var waiting = FeedAsync(org.AdminKey, $"?after={after}&wait=20");
        await Task.Delay(500);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "W-1", party_type = "individual", first_name = "Waited" });
        var answer = await waiting;
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        answer.GetProperty("results").EnumerateArray().Single().GetProperty("party").GetGuid().ShouldBe(id);
    }

    /// <summary>
    /// A transaction takes a sequence number and stays open while a later one commits. The feed must not hand
    /// out the later event (a client would move its cursor past the earlier one and never see it); once the slow
    /// transaction commits, both come, in order.
    /// </summary>
    [Fact]
    public async Task an_event_committed_late_below_a_visible_one_is_not_skipped()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var before = await app.Host.CreateIdAsync(org.AdminKey, new { number = "G-1", party_type = "individual", first_name = "Before" });
        var start = await FeedAsync(org.AdminKey, "?wait=10");
        Sequences(start).Length.ShouldBe(1);
        var cursor = start.GetProperty("after").GetInt64();

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var slow = await connection.BeginTransactionAsync();
        var slowId = Guid.CreateVersion7();
        var options = SessionOptions.ForTransaction(slow);
        options.TenantId = org.Id;
        await using (var session = app.Store.LightweightSession(options))
        {
            session.Events.StartStream<Party>(slowId, new PartyRegistered(slowId, new PartyData { Number = "G-2", Name = "Slow" }));
            await session.SaveChangesAsync();
        }
        await using var read = new NpgsqlCommand("select seq_id from parties.mt_events where stream_id = @id", connection, slow);
        read.Parameters.AddWithValue("id", slowId);
        var slowSequence = (long)(await read.ExecuteScalarAsync())!;

        var after = await app.Host.CreateIdAsync(org.AdminKey, new { number = "G-3", party_type = "individual", first_name = "After" });
        await using (var check = app.Store.QuerySession(org.Id))
            (await check.Events.FetchStreamAsync(after)).Single().Sequence.ShouldBeGreaterThan(slowSequence);

        // Past Marten's 3 s stale threshold, so the gap-skipping path (and its liveness probe) is exercised too.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            var page = await FeedAsync(org.AdminKey, $"?after={cursor}");
            Sequences(page).ShouldBeEmpty();
            page.GetProperty("after").GetInt64().ShouldBeLessThan(slowSequence);
            cursor = page.GetProperty("after").GetInt64();
            await Task.Delay(250);
        }

        await slow.CommitAsync();
        var seen = new List<JsonElement>();
        while (seen.Count < 2 && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var page = await FeedAsync(org.AdminKey, $"?after={cursor}&wait=5");
            seen.AddRange(page.GetProperty("results").EnumerateArray());
            cursor = page.GetProperty("after").GetInt64();
        }
        seen.Select(i => i.GetProperty("party").GetGuid()).ShouldBe([slowId, after]);
        seen[0].GetProperty("sequence").GetInt64().ShouldBe(slowSequence);
        seen.Select(i => i.GetProperty("party").GetGuid()).ShouldNotContain(before);
    }

    /// <summary>
    /// A write that loses at a unique index fails at its commit after Marten numbered its event; Marten then fills
    /// that number with a tombstone of the organization (written in the background, a moment later) so the high-water
    /// mark can pass it. It is no change.
    /// </summary>
    [Fact]
    public async Task a_write_lost_at_a_unique_index_leaves_no_item()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var first = await app.Host.CreateIdAsync(org.AdminKey, new { number = "T-1", party_type = "individual", first_name = "First" });
        await using (var losing = app.Store.LightweightSession(org.Id))
        {
            var id = Guid.CreateVersion7();
            losing.Events.StartStream<Party>(id, new PartyRegistered(id, new PartyData { Number = "T-1", Name = "Loser" }));
            await Should.ThrowAsync<Exception>(() => losing.SaveChangesAsync());
        }
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tombstones = new NpgsqlCommand(
                "select count(*) from parties.mt_events where tenant_id = @tenant and type = 'tombstone'", connection);
            tombstones.Parameters.AddWithValue("tenant", org.Id);
            // Marten posts the tombstone from a background retry block after SaveChangesAsync has thrown.
            var waited = Stopwatch.StartNew();
            while ((long)(await tombstones.ExecuteScalarAsync())! == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
                await Task.Delay(50);
            ((long)(await tombstones.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
        }
        var last = await app.Host.CreateIdAsync(org.AdminKey, new { number = "T-2", party_type = "individual", first_name = "Last" });

        var items = new List<JsonElement>();
        var cursor = 0L;
        var watch = Stopwatch.StartNew();
        while (items.Count < 2 && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var page = await FeedAsync(org.AdminKey, $"?after={cursor}&limit=1&wait=5");
            items.AddRange(page.GetProperty("results").EnumerateArray());
            cursor = page.GetProperty("after").GetInt64();
        }
        items.Select(i => i.GetProperty("type").GetString()).ShouldBe(["party_registered", "party_registered"]);
        items.Select(i => i.GetProperty("party").GetGuid()).ShouldBe([first, last]);
    }

    [Fact]
    public async Task only_admins_and_bookkeepers_may_read_it_and_bad_parameters_are_named()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await FeedAsync(org.ReadOnlyKey, "");
        (await FeedAsync(org.MemberKey, "", 403)).GetProperty("detail").GetString()
            .ShouldBe("You do not have permission to perform this action.");
        foreach (var (query, parameter) in new[]
                 {
                     ("after=-1", "after"), ("after=x", "after"), ("limit=0", "limit"), ("limit=1001", "limit"),
                     ("wait=31", "wait"), ("wait=soon", "wait"),
                 })
            (await FeedAsync(org.AdminKey, $"?{query}", 400)).EnumerateObject().Single().Name.ShouldBe(parameter);
    }
}
