using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;
using StandardWebhooks;

namespace Parties.Api.Tests.Webhooks;

public class webhooks_are_signed_and_carry_the_change(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task every_change_arrives_signed_with_its_type_its_changes_and_its_actor()
    {
        await using var receiver = await Receiver.StartAsync();
        var org = await Organizations.CreateAsync(app.Host);
        var subscription = await app.Host.SubscribeAsync(org.AdminKey, receiver.Url);
        var secret = subscription.GetProperty("secret").GetString()!;
        secret.ShouldStartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.ShouldBe(32);

        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "W-1", party_type = "individual", first_name = "Wanda" });
        await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "VIP" }, 200);
        await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Patch, $"/api/parties/{id}/", new { is_active = false }, 200);
        await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Patch, $"/api/parties/{id}/", new { is_active = true }, 200);

        var got = await receiver.WaitForAsync(4);
        got.Select(r => r.Type).ShouldBe(["party.created", "party.updated", "party.deactivated", "party.reactivated"]);
        got.Select(r => r.Version).ShouldBe([1L, 2L, 3L, 4L]);
        got.Select(r => r.Party).ShouldAllBe(p => p == id);
        got.Select(r => r.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        TestContext.Current.TestOutputHelper?.WriteLine("lag from the event's time to arrival: " +
            string.Join(", ", got.Select(r => $"{(r.At - r.Json.GetProperty("timestamp").GetDateTimeOffset()).TotalMilliseconds:0} ms")));

        var update = got[1].Data;
        var change = update.GetProperty("changes").EnumerateArray().Single();
        change.GetProperty("field").GetString().ShouldBe("notes");
        change.GetProperty("old").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        change.GetProperty("new").GetString().ShouldBe("VIP");
        var actor = update.GetProperty("actor");
        actor.GetProperty("user").GetString().ShouldBe("bob");
        actor.GetProperty("dialect").GetString().ShouldBe("parties");
        actor.GetProperty("api_key_id").GetString().ShouldNotBeNullOrEmpty();
        actor.GetProperty("request_id").GetString().ShouldNotBeNullOrEmpty();
        got[0].Data.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ShouldContain("first_name");
        got[0].Json.GetProperty("timestamp").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));

        foreach (var received in got)
        {
            // The Standard Webhooks library, as a receiver would use it.
            var headers = new HeaderDictionary
            {
                ["webhook-id"] = received.Id, ["webhook-timestamp"] = received.Timestamp, ["webhook-signature"] = received.Signature,
            };
            Should.NotThrow(() => new StandardWebhook(secret).Verify(received.Body, headers));
            // And by the letter of the contract: v1, base64 HMAC-SHA256 of "id.timestamp.body" keyed with the secret's bytes.
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.{received.Body}")));
            received.Signature.ShouldBe($"v1,{expected}");
            long.Parse(received.Timestamp).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        }
        // The webhook-id is the event's id.
        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.FetchStreamAsync(id);
        got.Select(r => r.Id).ShouldBe(events.Select(e => e.Id.ToString()));

        // A tampered body does not verify.
        var tampered = new HeaderDictionary
        {
            ["webhook-id"] = got[0].Id, ["webhook-timestamp"] = got[0].Timestamp, ["webhook-signature"] = got[0].Signature,
        };
        Should.Throw<Exception>(() => new StandardWebhook(secret).Verify(got[0].Body.Replace("Wanda", "Wendy"), tampered));

        var attempts = await app.Host.DeliveriesAsync(org.AdminKey, subscription.GetProperty("id").GetString()!);
        var items = attempts.GetProperty("results").EnumerateArray().ToArray();
        items.Length.ShouldBe(4);
        items.ShouldAllBe(a => a.GetProperty("status").GetString() == "delivered" && a.GetProperty("status_code").GetInt32() == 204
                               && a.GetProperty("attempt").GetInt32() == 1);
        items.Select(a => a.GetProperty("event").GetString()).ShouldBe(got.Select(r => r.Id));
    }

    [Fact]
    public async Task a_subscription_gets_only_the_types_it_asked_for_and_nothing_from_before_it_existed()
    {
        await using var receiver = await Receiver.StartAsync();
        var org = await Organizations.CreateAsync(app.Host, "Types");
        var before = await app.Host.CreateIdAsync(org.AdminKey, new { number = "T-0", party_type = "individual", first_name = "Early" });
        await app.Host.SubscribeAsync(org.AdminKey, receiver.Url, "party.deactivated");
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "T-1", party_type = "individual", first_name = "Tess" });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "x" }, 200);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { is_active = false }, 200);

        var got = await receiver.WaitForAsync(1);
        got.Single().Type.ShouldBe("party.deactivated");
        got.Single().Party.ShouldBe(id);
        await Task.Delay(1500);
        receiver.Distinct().Count.ShouldBe(1);
        receiver.Requests.ShouldNotContain(r => r.Party == before);
    }
}
