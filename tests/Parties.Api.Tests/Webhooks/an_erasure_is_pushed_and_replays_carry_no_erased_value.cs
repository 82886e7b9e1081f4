using Parties.Api.Tests.Erasure;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

public class an_erasure_is_pushed_and_replays_carry_no_erased_value(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task receivers_get_party_erased_and_a_replay_of_the_earlier_events_has_their_personal_values_null_and_marked_erased()
    {
        await using var receiver = await Receiver.StartAsync();
        var org = await Organizations.CreateAsync(app.Host, "Forgetting");
        var subscription = (await app.Host.SubscribeAsync(org.AdminKey, receiver.Url)).GetProperty("id").GetString()!;
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "W-1", party_type = "individual", first_name = "Golnar", mobile = "09120001111" });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "Golnar's note" }, 200);
        var before = await receiver.WaitForAsync(2);
        var first = before.Min(r => r.Sequence);

        await Erasures.EraseAsync(app.Host, org.AdminKey, id, reason: "asked by the person");
        var erasure = (await receiver.WaitForAsync(3)).Single(r => r.Type == "party.erased");
        erasure.Data.GetProperty("reason").GetString().ShouldBe("asked by the person");
        erasure.Data.GetProperty("erased").GetBoolean().ShouldBeTrue();
        erasure.Data.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString())
            .ShouldBe(["name", "first_name", "mobile", "mobile_e164", "notes"], ignoreOrder: true);

        receiver.Requests.Clear();
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, $"/api/webhooks/{subscription}/replay/", new { after = first - 1 }, 202);
        var replayed = await receiver.WaitForAsync(3);
        replayed.Select(r => r.Type).ShouldBe(["party.created", "party.updated", "party.erased"]);
        replayed.ShouldAllBe(r => r.Data.GetProperty("erased").GetBoolean());
        replayed.ShouldAllBe(r => !r.Body.Contains("Golnar") && !r.Body.Contains("0001111"));
    }
}
