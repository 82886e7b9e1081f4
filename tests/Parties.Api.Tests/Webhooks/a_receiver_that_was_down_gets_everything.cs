using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

public class a_receiver_that_was_down_gets_everything(WebhookApp app) : IClassFixture<WebhookApp>
{
    private async Task<JsonElement[]> AttemptsAsync(TestOrganization org, string subscription, string query = "") =>
        [.. (await app.Host.DeliveriesAsync(org.AdminKey, subscription, query)).GetProperty("results").EnumerateArray()];

    [Fact]
    public async Task down_for_a_while_then_back_every_event_arrives_once_each_webhook_id_is_deduplicated()
    {
        await using var receiver = await Receiver.StartAsync();
        var org = await Organizations.CreateAsync(app.Host);
        var subscription = (await app.Host.SubscribeAsync(org.AdminKey, receiver.Url)).GetProperty("id").GetString()!;
        await receiver.DownAsync();

        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = $"D-{i}", party_type = "individual", first_name = $"Dee {i}" });
            await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "while down" }, 200);
            ids.Add(id);
        }
        // Wait until the first attempts failed: the receiver was really away for them.
        for (var i = 0; i < 100 && (await AttemptsAsync(org, subscription, "?status=retrying")).Length < 5; i++) await Task.Delay(100);
        var retrying = await AttemptsAsync(org, subscription, "?status=retrying");
        retrying.Length.ShouldBeGreaterThanOrEqualTo(5);
        retrying[0].GetProperty("error").GetString()!.ShouldContain("connect");
        retrying[0].GetProperty("next_retry").GetDateTimeOffset().ShouldBeGreaterThan(retrying[0].GetProperty("timestamp").GetDateTimeOffset());

        await receiver.UpAsync();
        var got = await receiver.WaitForAsync(10);
        got.Count.ShouldBe(10);
        foreach (var id in ids)
            got.Where(r => r.Party == id).Select(r => r.Type).ShouldBe(["party.created", "party.updated"]);
        await Task.Delay(1500);
        receiver.Distinct().Count.ShouldBe(10);
        var delivered = await AttemptsAsync(org, subscription, "?status=delivered");
        delivered.Length.ShouldBe(10);
        delivered.ShouldContain(a => a.GetProperty("attempt").GetInt32() > 1);
    }

    [Fact]
    public async Task a_4xx_is_final_a_5xx_for_the_whole_schedule_fails_and_replay_sends_it_again()
    {
        await using var receiver = await Receiver.StartAsync();
        var org = await Organizations.CreateAsync(app.Host, "Failing");
        var subscription = (await app.Host.SubscribeAsync(org.AdminKey, receiver.Url)).GetProperty("id").GetString()!;
        receiver.Answer = r => r.Json.GetProperty("data").GetProperty("changes").EnumerateArray()
            .Any(c => c.GetProperty("field").GetString() == "first_name" && c.GetProperty("new").GetString() == "Gone") ? 410 : 500;
        var gone = await app.Host.CreateIdAsync(org.AdminKey, new { number = "F-1", party_type = "individual", first_name = "Gone" });
        var broken = await app.Host.CreateIdAsync(org.AdminKey, new { number = "F-2", party_type = "individual", first_name = "Broken" });

        // 410: one attempt, failed. 500: 1 + 3 retries (the schedule has three), then failed.
        var schedule = WebhookApp.RetrySchedule.Split(',').Length;
        for (var i = 0; i < 200 && (await AttemptsAsync(org, subscription, "?status=failed")).Length < 2; i++) await Task.Delay(100);
        var failed = await AttemptsAsync(org, subscription, "?status=failed");
        failed.Length.ShouldBe(2);
        var all = await AttemptsAsync(org, subscription);
        all.Count(a => a.GetProperty("party").GetGuid() == gone).ShouldBe(1);
        all.Single(a => a.GetProperty("party").GetGuid() == gone).GetProperty("status_code").GetInt32().ShouldBe(410);
        var brokenAttempts = all.Where(a => a.GetProperty("party").GetGuid() == broken).ToArray();
        brokenAttempts.Select(a => a.GetProperty("attempt").GetInt32()).ShouldBe(Enumerable.Range(1, schedule + 1));
        brokenAttempts.Select(a => a.GetProperty("status").GetString()).ShouldBe([.. Enumerable.Repeat("retrying", schedule), "failed"]);
        brokenAttempts.ShouldAllBe(a => a.GetProperty("status_code").GetInt32() == 500);
        brokenAttempts[^1].GetProperty("next_retry").ValueKind.ShouldBe(JsonValueKind.Null);

        // The subscription stays active, and other subscriptions and writers were never held up.
        var read = await app.Host.GetJsonAsync(org.AdminKey, $"/api/webhooks/{subscription}/");
        read.GetProperty("is_active").GetBoolean().ShouldBeTrue();

        // Fixed receiver; replay from before both.
        receiver.Answer = _ => 200;
        var first = failed.Min(a => a.GetProperty("sequence").GetInt64());
        var replay = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { after = first - 1 }).ToUrl($"/api/webhooks/{subscription}/replay/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(202);
        });
        (await replay.JsonAsync()).GetProperty("after").GetInt64().ShouldBe(first - 1);
        var got = await receiver.WaitForAsync(2);
        got.Select(r => r.Party).ShouldBe([gone, broken], ignoreOrder: true);
    }

    [Fact]
    public async Task deliveries_page_with_a_cursor_and_refuse_bad_parameters()
    {
        await using var receiver = await Receiver.StartAsync();
        var org = await Organizations.CreateAsync(app.Host, "Pages");
        var subscription = (await app.Host.SubscribeAsync(org.AdminKey, receiver.Url)).GetProperty("id").GetString()!;
        for (var i = 0; i < 3; i++) await app.Host.CreateIdAsync(org.AdminKey, new { number = $"P-{i}", party_type = "individual", first_name = "Pat" });
        await receiver.WaitForAsync(3);
        for (var i = 0; i < 50 && (await AttemptsAsync(org, subscription)).Length < 3; i++) await Task.Delay(100);

        var first = await app.Host.DeliveriesAsync(org.AdminKey, subscription, "?limit=2");
        first.GetProperty("results").GetArrayLength().ShouldBe(2);
        var next = new Uri(first.GetProperty("next").GetString()!).PathAndQuery;
        var second = await app.Host.GetJsonAsync(org.AdminKey, next);
        second.GetProperty("results").GetArrayLength().ShouldBe(1);
        second.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);

        foreach (var (query, field) in new[] { ("?status=lost", "status"), ("?limit=0", "limit"), ("?limit=1001", "limit"), ("?after=7", "after") })
            (await app.Host.GetJsonAsync(org.AdminKey, $"/api/webhooks/{subscription}/deliveries/{query}", 400)).TryGetProperty(field, out _).ShouldBeTrue();
        foreach (var body in new object[] { new { after = -1 }, new { }, new { after = "x" } })
            await app.Host.Scenario(s =>
            {
                s.Post.Json(body).ToUrl($"/api/webhooks/{subscription}/replay/");
                s.WithApiKey(org.AdminKey);
                s.StatusCodeShouldBe(400);
            });
    }
}
