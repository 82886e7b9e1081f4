using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Sharding;

public class organizations_are_placed_on_the_pools_databases(ShardedApp app) : IClassFixture<ShardedApp>
{
    private async Task<JsonElement> PlatformAsync(HttpMethod method, string url, int status, object? body = null, string key = AppFixture.AdminKey)
    {
        var result = await app.First.Scenario(s =>
        {
            if (method == HttpMethod.Get) s.Get.Url(url);
            else if (body is null) s.Post.Url(url);
            else s.Post.Json(body).ToUrl(url);
            s.WithRequestHeader("Authorization", $"Api-Key {key}");
            s.StatusCodeShouldBe(status);
        });
        return status == 204 ? default : await result.JsonAsync();
    }

    private async Task<Dictionary<string, JsonElement>> DatabasesAsync() =>
        (await PlatformAsync(HttpMethod.Get, "/admin/databases", 200)).EnumerateArray()
        .ToDictionary(d => d.GetProperty("name").GetString()!);

    private Task<JsonElement> CreateAsync(string? database, int status = 201) =>
        PlatformAsync(HttpMethod.Post, "/admin/organizations", status,
            new { name = "Placed", admin = new { id = "alice", name = "Alice" }, database });

    private static int Organizations(JsonElement database) => database.GetProperty("organizations").GetInt32();

    [Fact]
    public async Task an_organization_goes_where_it_is_asked_else_to_the_open_database_with_the_fewest()
    {
        var before = await DatabasesAsync();
        before.Keys.ShouldBe([ShardedApp.One, ShardedApp.Two]);
        before.Values.ShouldAllBe(d => d.GetProperty("answers").GetBoolean() && !d.GetProperty("full").GetBoolean());

        // Make "two" the larger by asking for it, twice more than "one" holds: the next ones go to "one" until level.
        var lead = Organizations(before[ShardedApp.One]) - Organizations(before[ShardedApp.Two]) + 2;
        for (var i = 0; i < lead; i++)
            (await CreateAsync(ShardedApp.Two)).GetProperty("database").GetString().ShouldBe(ShardedApp.Two);
        (await CreateAsync(null)).GetProperty("database").GetString().ShouldBe(ShardedApp.One);
        (await CreateAsync(null)).GetProperty("database").GetString().ShouldBe(ShardedApp.One);
        // A tie goes to the first by name.
        (await CreateAsync(null)).GetProperty("database").GetString().ShouldBe(ShardedApp.One);

        var after = await DatabasesAsync();
        Organizations(after[ShardedApp.One]).ShouldBe(Organizations(before[ShardedApp.One]) + 3);
        Organizations(after[ShardedApp.Two]).ShouldBe(Organizations(before[ShardedApp.Two]) + lead);
    }

    [Fact]
    public async Task a_full_database_takes_no_new_organization_until_it_is_opened_again()
    {
        await PlatformAsync(HttpMethod.Post, $"/admin/databases/{ShardedApp.One}/full", 204);
        try
        {
            (await DatabasesAsync())[ShardedApp.One].GetProperty("full").GetBoolean().ShouldBeTrue();
            for (var i = 0; i < 3; i++)
                (await CreateAsync(null)).GetProperty("database").GetString().ShouldBe(ShardedApp.Two);
            var refused = await CreateAsync(ShardedApp.One, 400);
            refused.GetProperty("errors").GetProperty("database")[0].GetString()!.ShouldContain("full");
        }
        finally
        {
            await PlatformAsync(HttpMethod.Post, $"/admin/databases/{ShardedApp.One}/open", 204);
        }
        (await DatabasesAsync())[ShardedApp.One].GetProperty("full").GetBoolean().ShouldBeFalse();
        (await CreateAsync(ShardedApp.One)).GetProperty("database").GetString().ShouldBe(ShardedApp.One);
    }

    [Fact]
    public async Task an_unknown_database_is_refused_and_nothing_is_written()
    {
        var organizations = await app.MasterScalarAsync("select count(*) from parties.mt_doc_organization");
        var refused = await CreateAsync("three", 400);
        refused.GetProperty("errors").GetProperty("database")[0].GetString().ShouldBe("There is no database 'three'.");
        (await app.MasterScalarAsync("select count(*) from parties.mt_doc_organization")).ShouldBe(organizations);
        await PlatformAsync(HttpMethod.Post, "/admin/databases/three/full", 404);
        await PlatformAsync(HttpMethod.Post, "/admin/databases/three/open", 404);
    }

    [Fact]
    public async Task only_the_platform_operator_sees_and_changes_the_pool()
    {
        var org = await Infrastructure.Organizations.CreateAsync(app.First);
        await PlatformAsync(HttpMethod.Get, "/admin/databases", 401, key: org.AdminKey);
        await PlatformAsync(HttpMethod.Post, $"/admin/databases/{ShardedApp.Two}/full", 401, key: org.AdminKey);
        (await DatabasesAsync())[ShardedApp.Two].GetProperty("full").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task the_master_keeps_the_pool_without_its_passwords_and_every_database_has_the_schema()
    {
        (await app.MasterScalarAsync("select count(*) from parties.mt_database_pool")).ShouldBe(2);
        (await app.MasterScalarAsync("select count(*) from parties.mt_database_pool where connection_string ilike '%' || $1 || '%'",
            ShardedApp.Password)).ShouldBe(0);
        (await app.MasterScalarAsync("select count(*) from parties.mt_database_pool where connection_string ilike '%password%'")).ShouldBe(0);
        foreach (var database in new[] { ShardedApp.One, ShardedApp.Two })
            (await app.ScalarAsync(database, "select count(*) from information_schema.tables where table_schema = 'parties' and table_name = $1",
                "mt_events")).ShouldBe(1);
    }
}
