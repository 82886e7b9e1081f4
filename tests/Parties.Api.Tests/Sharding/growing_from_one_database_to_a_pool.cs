using Alba;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Sharding;

/// <summary>
/// A single-database deployment grows into a pool by listing its database as a pooled one beside the new ones: its
/// organizations are placed on it at start-up and keep their rows, and new organizations go to the emptier database.
/// Without the old database in the pool its organizations would have nowhere to live, so start-up is refused.
/// </summary>
public class growing_from_one_database_to_a_pool(TestPostgres postgres)
{
    private static async Task<(TestOrganization Org, Guid Party)> SingleDatabaseWithAPartyAsync(string single)
    {
        await using var before = await AppFixture.StartHostAsync(single, []);
        var org = await Organizations.CreateAsync(before);
        var party = await before.CreateIdAsync(org.AdminKey, new { number = "OLD-1", party_type = "individual", first_name = "Old" });
        return (org, party);
    }

    [Fact]
    public async Task the_single_database_listed_in_the_pool_keeps_its_organizations_and_new_ones_go_to_the_emptier()
    {
        var single = await postgres.CreateDatabaseAsync("grow");
        var added = await postgres.CreateDatabaseAsync("grow_added");
        var (org, party) = await SingleDatabaseWithAPartyAsync(single);

        await using var pooled = await AppFixture.StartHostAsync(single, [("Parties:Databases:main", single), ("Parties:Databases:added", added)]);
        (await pooled.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{party}/")).GetProperty("first_name").GetString().ShouldBe("Old");
        await pooled.Scenario(s =>
        {
            s.Patch.Json(new { notes = "after growing" }).ToUrl($"/api/parties/{party}/");
            s.WithRequestHeader("Authorization", $"Api-Key {org.AdminKey}");
            s.StatusCodeShouldBe(200);
        });
        (await pooled.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{party}/history/")).GetProperty("results").GetArrayLength().ShouldBe(2);

        var databases = (await pooled.GetJsonAsync(AppFixture.AdminKey, "/admin/databases")).EnumerateArray()
            .ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("organizations").GetInt32());
        databases.ShouldBe(new Dictionary<string, int> { ["added"] = 0, ["main"] = 1 });

        var newcomer = await Organizations.CreateAsync(pooled, "Newcomer");
        var placed = await pooled.CreateIdAsync(newcomer.AdminKey, new { number = "NEW-1", party_type = "individual", first_name = "New" });
        (await CountAsync(added, placed)).ShouldBe(1);
        (await CountAsync(single, placed)).ShouldBe(0);
        (await CountAsync(single, party)).ShouldBe(1);
    }

    [Fact]
    public async Task a_pool_without_the_single_database_is_refused_at_start_up_and_loses_nothing()
    {
        var single = await postgres.CreateDatabaseAsync("grow_elsewhere");
        var added = await postgres.CreateDatabaseAsync("grow_elsewhere_added");
        var (org, party) = await SingleDatabaseWithAPartyAsync(single);

        var refused = await Should.ThrowAsync<InvalidOperationException>(async () =>
            await (await AppFixture.StartHostAsync(single, [("Parties:Databases:added", added)])).DisposeAsync());
        refused.Message.ShouldContain("1 organization(s) of the single database");

        await using var again = await AppFixture.StartHostAsync(single, []);
        (await again.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{party}/")).GetProperty("first_name").GetString().ShouldBe("Old");
    }

    private static async Task<long> CountAsync(string connectionString, Guid party)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from parties.mt_doc_party where id = @id", connection);
        command.Parameters.AddWithValue("id", party);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
