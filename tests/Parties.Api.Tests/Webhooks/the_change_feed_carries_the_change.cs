using System.Text.Json;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

public class the_change_feed_carries_the_change(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<JsonElement[]> ItemsAsync(string key, string query, int count)
    {
        for (var i = 0; ; i++)
        {
            var page = await app.Host.GetJsonAsync(key, $"/api/changes/{query}");
            var items = page.GetProperty("results").EnumerateArray().ToArray();
            if (items.Length >= count || i == 50) return items;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task items_carry_each_fields_old_and_new_value_and_include_party_adds_the_party_at_that_version()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "C-1", party_type = "individual", first_name = "Cleo", notes = "first" });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "second" }, 200);

        var items = await ItemsAsync(org.AdminKey, "?after=0", 2);
        items.Length.ShouldBe(2);
        // What was there stays.
        items[1].GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldBe(["notes"]);
        items[1].GetProperty("type").GetString().ShouldBe("party_changed");
        var change = items[1].GetProperty("changes").EnumerateArray().Single();
        change.GetProperty("field").GetString().ShouldBe("notes");
        change.GetProperty("old").GetString().ShouldBe("first");
        change.GetProperty("new").GetString().ShouldBe("second");
        items[1].GetProperty("version").GetInt64().ShouldBe(2);
        var created = items[0].GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        created["first_name"].GetProperty("new").GetString().ShouldBe("Cleo");
        created["first_name"].GetProperty("old").ValueKind.ShouldBe(JsonValueKind.Null);
        items[0].GetProperty("fields").GetArrayLength().ShouldBe(created.Count);
        items[0].TryGetProperty("party_at_version", out _).ShouldBeFalse();

        var withParty = await ItemsAsync(org.AdminKey, "?after=0&include=party", 2);
        withParty[0].GetProperty("party_at_version").GetProperty("notes").GetString().ShouldBe("first");
        withParty[0].GetProperty("party_at_version").GetProperty("version").GetInt32().ShouldBe(1);
        withParty[1].GetProperty("party_at_version").GetProperty("notes").GetString().ShouldBe("second");
        withParty[1].GetProperty("party_at_version").GetProperty("id").GetGuid().ShouldBe(id);

        (await app.Host.GetJsonAsync(org.AdminKey, "/api/changes/?include=everything", 400)).TryGetProperty("include", out _).ShouldBeTrue();
    }
}
