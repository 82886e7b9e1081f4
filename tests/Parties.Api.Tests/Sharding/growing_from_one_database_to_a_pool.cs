using Marten.Exceptions;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Sharding;

/// <summary>
/// What happens today when a single-database deployment lists its database in a pool: Marten turns the existing
/// tables into per-organization list partitions at start-up, and the organizations already there have no partition
/// (nor an assignment), so the change fails. It fails whole: the database is as it was and single-database mode
/// serves it again.
/// </summary>
public class growing_from_one_database_to_a_pool(TestPostgres postgres)
{
    [Fact]
    public async Task listing_the_single_database_in_a_pool_is_refused_at_start_up_and_loses_nothing()
    {
        var single = await postgres.CreateDatabaseAsync("grow");
        var added = await postgres.CreateDatabaseAsync("grow_added");
        TestOrganization org;
        Guid party;
        await using (var before = await AppFixture.StartHostAsync(single, []))
        {
            org = await Organizations.CreateAsync(before);
            party = await before.CreateIdAsync(org.AdminKey, new { number = "OLD-1", party_type = "individual", first_name = "Old" });
        }

        var refused = await Should.ThrowAsync<MartenSchemaException>(async () =>
            await (await AppFixture.StartHostAsync(single, [("Parties:Databases:main", single), ("Parties:Databases:added", added)]))
                .DisposeAsync());
        refused.InnerException.ShouldBeOfType<PostgresException>().SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);

        await using var again = await AppFixture.StartHostAsync(single, []);
        (await again.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{party}/")).GetProperty("first_name").GetString().ShouldBe("Old");
    }
}
