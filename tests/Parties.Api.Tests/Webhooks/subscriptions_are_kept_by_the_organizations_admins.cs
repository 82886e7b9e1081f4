using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

public class subscriptions_are_kept_by_the_organizations_admins(WebhookApp app) : IClassFixture<WebhookApp>
{
    private async Task<JsonElement> CallAsync(string key, HttpMethod method, string url, object? body, int status)
    {
        var result = await app.Host.Scenario(s =>
        {
            if (method == HttpMethod.Get) s.Get.Url(url);
            else if (method == HttpMethod.Delete) s.Delete.Url(url);
            else if (method == HttpMethod.Patch) s.Patch.Json(body!).ToUrl(url);
            else s.Post.Json(body!).ToUrl(url);
            s.WithApiKey(key);
            s.StatusCodeShouldBe(status);
        });
        return status == 204 ? default : await result.JsonAsync();
    }

    [Fact]
    public async Task create_read_list_update_rotate_and_delete_with_the_secret_shown_only_when_made()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var created = await CallAsync(org.AdminKey, HttpMethod.Post, "/api/webhooks/",
            new { url = "http://127.0.0.1:9/hooks", events = new[] { "party.created", "party.updated" }, description = "ERP" }, 201);
        var id = created.GetProperty("id").GetString()!;
        created.GetProperty("url").GetString().ShouldBe("http://127.0.0.1:9/hooks");
        created.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["party.created", "party.updated"]);
        created.GetProperty("description").GetString().ShouldBe("ERP");
        created.GetProperty("is_active").GetBoolean().ShouldBeTrue();
        created.GetProperty("created").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        var secret = created.GetProperty("secret").GetString()!;

        var read = await CallAsync(org.AdminKey, HttpMethod.Get, $"/api/webhooks/{id}/", null, 200);
        read.TryGetProperty("secret", out _).ShouldBeFalse();
        read.GetProperty("id").GetString().ShouldBe(id);
        var list = await CallAsync(org.AdminKey, HttpMethod.Get, "/api/webhooks/", null, 200);
        list.EnumerateArray().Single().GetProperty("id").GetString().ShouldBe(id);
        list.EnumerateArray().Single().TryGetProperty("secret", out _).ShouldBeFalse();

        var patched = await CallAsync(org.AdminKey, HttpMethod.Patch, $"/api/webhooks/{id}/", new { events = new[] { "*" }, is_active = false }, 200);
        patched.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["*"]);
        patched.GetProperty("is_active").GetBoolean().ShouldBeFalse();
        patched.GetProperty("description").GetString().ShouldBe("ERP");
        patched.TryGetProperty("secret", out _).ShouldBeFalse();

        var rotated = await CallAsync(org.AdminKey, HttpMethod.Post, $"/api/webhooks/{id}/rotate-secret/", new { }, 200);
        rotated.GetProperty("secret").GetString().ShouldStartWith("whsec_");
        rotated.GetProperty("secret").GetString().ShouldNotBe(secret);

        await CallAsync(org.AdminKey, HttpMethod.Delete, $"/api/webhooks/{id}/", null, 204);
        await CallAsync(org.AdminKey, HttpMethod.Get, $"/api/webhooks/{id}/", null, 404);
        (await CallAsync(org.AdminKey, HttpMethod.Get, "/api/webhooks/", null, 200)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task only_admins_may_and_writes_need_the_write_permission_and_another_organizations_do_not_exist()
    {
        var org = await Organizations.CreateAsync(app.Host, "Access");
        var created = await CallAsync(org.AdminKey, HttpMethod.Post, "/api/webhooks/", new { url = "http://127.0.0.1:9/", events = new[] { "*" } }, 201);
        var id = created.GetProperty("id").GetString()!;
        var forbidden = new Dictionary<string, string> { ["detail"] = "You do not have permission to perform this action." };
        foreach (var key in new[] { org.BookkeeperKey, org.MemberKey })
        {
            (await CallAsync(key, HttpMethod.Get, "/api/webhooks/", null, 403)).Deserialize<Dictionary<string, string>>().ShouldBe(forbidden);
            await CallAsync(key, HttpMethod.Post, "/api/webhooks/", new { url = "http://127.0.0.1:9/", events = new[] { "*" } }, 403);
            await CallAsync(key, HttpMethod.Get, $"/api/webhooks/{id}/deliveries/", null, 403);
            await CallAsync(key, HttpMethod.Post, $"/api/webhooks/{id}/rotate-secret/", new { }, 403);
        }
        // alice's read-only key: reads yes, writes no.
        await CallAsync(org.ReadOnlyKey, HttpMethod.Get, $"/api/webhooks/{id}/", null, 200);
        await CallAsync(org.ReadOnlyKey, HttpMethod.Patch, $"/api/webhooks/{id}/", new { description = "x" }, 403);
        await CallAsync(org.ReadOnlyKey, HttpMethod.Delete, $"/api/webhooks/{id}/", null, 403);

        var other = await Organizations.CreateAsync(app.Host, "Other");
        await CallAsync(other.AdminKey, HttpMethod.Get, $"/api/webhooks/{id}/", null, 404);
        await CallAsync(other.AdminKey, HttpMethod.Patch, $"/api/webhooks/{id}/", new { description = "x" }, 404);
        await CallAsync(other.AdminKey, HttpMethod.Post, $"/api/webhooks/{id}/replay/", new { after = 0 }, 404);
        await CallAsync(other.AdminKey, HttpMethod.Get, $"/api/webhooks/{id}/deliveries/", null, 404);
        await CallAsync(other.AdminKey, HttpMethod.Delete, $"/api/webhooks/{id}/", null, 404);
        (await CallAsync(other.AdminKey, HttpMethod.Get, "/api/webhooks/", null, 200)).GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"events":["*"]}""", "url")]
    [InlineData("""{"url":"ftp://127.0.0.1/x","events":["*"]}""", "url")]
    [InlineData("""{"url":"not a url","events":["*"]}""", "url")]
    [InlineData("""{"url":"http://127.0.0.1/"}""", "events")]
    [InlineData("""{"url":"http://127.0.0.1/","events":[]}""", "events")]
    [InlineData("""{"url":"http://127.0.0.1/","events":["party.deleted"]}""", "events")]
    [InlineData("""{"url":"http://127.0.0.1/","events":"*"}""", "events")]
    [InlineData("""{"url":"http://127.0.0.1/","events":["*"],"is_active":"yes"}""", "is_active")]
    [InlineData("""{"url":"http://127.0.0.1/","events":["*"],"description":7}""", "description")]
    [InlineData("""{"url":"http://127.0.0.1/",""", "non_field_errors")]
    public async Task bad_bodies_are_a_400_naming_the_field(string body, string field)
    {
        var org = await Organizations.CreateAsync(app.Host, "Bad " + field);
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/webhooks/");
            s.RawJson(body);
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });
        (await result.JsonAsync()).TryGetProperty(field, out _).ShouldBeTrue(await result.ReadAsTextAsync());
    }
}
