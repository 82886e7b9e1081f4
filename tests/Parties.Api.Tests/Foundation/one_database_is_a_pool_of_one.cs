using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

public class one_database_is_a_pool_of_one(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<IScenarioResult> PlatformAsync(Action<Scenario> call, int status) =>
        await app.Host.Scenario(s =>
        {
            call(s);
            s.WithRequestHeader("Authorization", $"Api-Key {AppFixture.AdminKey}");
            s.StatusCodeShouldBe(status);
        });

    [Fact]
    public async Task organizations_live_in_the_default_database_which_cannot_be_closed()
    {
        var created = await PlatformAsync(s => s.Post.Json(new { name = "Solo", admin = new { id = "alice", name = "Alice" } })
            .ToUrl("/admin/organizations"), 201);
        (await created.JsonAsync()).GetProperty("database").GetString().ShouldBe("default");
        var named = await PlatformAsync(s => s.Post.Json(new { name = "Solo", admin = new { id = "alice", name = "Alice" }, database = "default" })
            .ToUrl("/admin/organizations"), 201);
        (await named.JsonAsync()).GetProperty("database").GetString().ShouldBe("default");

        var refused = await PlatformAsync(s => s.Post.Json(new { name = "Solo", admin = new { id = "alice", name = "Alice" }, database = "two" })
            .ToUrl("/admin/organizations"), 400);
        (await refused.JsonAsync()).GetProperty("errors").GetProperty("database")[0].GetString().ShouldBe("There is no database 'two'.");

        var databases = (await (await PlatformAsync(s => s.Get.Url("/admin/databases"), 200)).JsonAsync()).EnumerateArray().ToArray();
        databases.ShouldHaveSingleItem().GetProperty("name").GetString().ShouldBe("default");
        databases[0].GetProperty("organizations").GetInt32().ShouldBe(2);
        databases[0].GetProperty("answers").GetBoolean().ShouldBeTrue();
        databases[0].GetProperty("full").GetBoolean().ShouldBeFalse();
        await PlatformAsync(s => s.Post.Url("/admin/databases/default/full"), 404);
    }
}
