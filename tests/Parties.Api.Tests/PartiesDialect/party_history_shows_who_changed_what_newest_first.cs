using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.PartiesDialect;

public class party_history_shows_who_changed_what_newest_first(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task each_entry_has_when_who_key_dialect_request_action_and_old_and_new_values()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var created = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number = "H-1", party_type = "individual", first_name = "Jane" }).ToUrl("/api/parties/");
            s.WithApiKey(org.AdminKey);
            s.WithRequestHeader("X-Request-Id", "req-history-create");
            s.StatusCodeShouldBe(201);
        });
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { mobile = "09121001234", notes = "VIP" }).ToUrl($"/api/parties/{id}/");
            s.WithApiKey(org.BookkeeperKey);
            s.WithRequestHeader("X-Request-Id", "req-history-patch");
            s.StatusCodeShouldBe(200);
        });
        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{id}/"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBe(204); });

        var history = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{id}/history/");
        history.GetProperty("count").GetInt32().ShouldBe(3);
        var entries = history.GetProperty("results").EnumerateArray().ToArray();
        entries.Select(e => e.GetProperty("action").GetString()).ShouldBe(["delete", "update", "create"]);
        entries.Select(e => e.GetProperty("version").GetInt32()).ShouldBe([3, 2, 1]);

        var update = entries[1];
        update.GetProperty("user").GetString().ShouldBe("bob");
        update.GetProperty("api_key_id").GetString().ShouldNotBeNullOrEmpty();
        update.GetProperty("dialect").GetString().ShouldBe("parties");
        update.GetProperty("request_id").GetString().ShouldBe("req-history-patch");
        update.GetProperty("timestamp").GetDateTimeOffset().ShouldBeGreaterThan(entries[2].GetProperty("timestamp").GetDateTimeOffset());
        var changes = update.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        changes.Keys.ShouldBe(["mobile", "mobile_e164", "notes"]);
        changes["mobile_e164"].GetProperty("old").ValueKind.ShouldBe(JsonValueKind.Null);
        changes["mobile_e164"].GetProperty("new").GetString().ShouldBe("+989121001234");
        changes["notes"].GetProperty("new").GetString().ShouldBe("VIP");

        var delete = entries[0];
        delete.GetProperty("user").GetString().ShouldBe("alice");
        var active = delete.GetProperty("changes").EnumerateArray().ShouldHaveSingleItem();
        active.GetProperty("field").GetString().ShouldBe("is_active");
        active.GetProperty("old").GetBoolean().ShouldBeTrue();
        active.GetProperty("new").GetBoolean().ShouldBeFalse();

        var create = entries[2];
        create.GetProperty("request_id").GetString().ShouldBe("req-history-create");
        create.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString())
            .ShouldContain("first_name");
    }

    [Fact]
    public async Task history_pages_like_the_list()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "H-2", party_type = "individual" });
        for (var i = 1; i <= 4; i++)
            await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = $"note {i}" }, 200);

        var first = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{id}/history/?page_size=2");
        first.GetProperty("count").GetInt32().ShouldBe(5);
        first.GetProperty("results").EnumerateArray().Select(e => e.GetProperty("version").GetInt32()).ShouldBe([5, 4]);
        first.GetProperty("next").GetString().ShouldBe($"http://localhost/api/parties/{id}/history/?page_size=2&page=2");
        var third = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{id}/history/?page_size=2&page=3");
        third.GetProperty("results").EnumerateArray().Select(e => e.GetProperty("version").GetInt32()).ShouldBe([1]);
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{id}/history/?page_size=2&page=4", 404))
            .GetProperty("detail").GetString().ShouldBe("Invalid page.");
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{id}/history/?page_size=900", 400))
            .TryGetProperty("page_size", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task history_of_an_unknown_or_foreign_party_is_404()
    {
        var acme = await Organizations.CreateAsync(app.Host, "Acme");
        var globex = await Organizations.CreateAsync(app.Host, "Globex");
        var id = await app.Host.CreateIdAsync(acme.AdminKey, new { number = "H-3", party_type = "individual" });
        (await app.Host.GetJsonAsync(globex.AdminKey, $"/api/parties/{id}/history/", 404)).GetProperty("detail").GetString().ShouldBe("Not found.");
        await app.Host.GetJsonAsync(acme.AdminKey, $"/api/parties/{Guid.NewGuid()}/history/", 404);
    }
}
