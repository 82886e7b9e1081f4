using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

/// <summary>
/// A store written before the party's number and name key were columns of their own: the next start's schema migration
/// adds them, fills them from each party's document and builds their indexes again, so lists, search, and uniqueness
/// hold for the parties written before it.
/// </summary>
public class an_upgrade_fills_the_party_columns_from_the_documents(TestPostgres postgres)
{
    private static readonly (string, string)[] Settings = [("Parties:RateLimit:PermitsPerMinute", "0")];

    [Fact]
    public async Task parties_written_before_the_columns_are_found_sorted_and_kept_unique_after_it()
    {
        var database = await postgres.CreateDatabaseAsync("upgrade_columns");
        TestOrganization org;
        Guid first, second;
        await using (var before = await AppFixture.StartHostAsync(database, Settings))
        {
            org = await Organizations.CreateAsync(before);
            second = await before.CreateIdAsync(org.AdminKey, new { number = "UP-2", party_type = "organization", legal_name = "Upgrade Trading" });
            first = await before.CreateIdAsync(org.AdminKey, new { number = "UP-1", party_type = "individual", first_name = "Ulla", last_name = "Upgrade" });
        }
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            // As the table was: without the columns, and so without the indexes on them.
            await using var drop = new NpgsqlCommand(
                $"alter table parties.mt_doc_party drop column {PartyColumns.Number} cascade, drop column {PartyColumns.NameKey} cascade", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await using var after = await AppFixture.StartHostAsync(database, Settings);
        var found = await after.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?search=upgrade");
        found.GetProperty("count").GetInt32().ShouldBe(2);
        found.GetProperty("results").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldBe([first, second]);
        (await after.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?number=UP-2")).GetProperty("results")[0].GetProperty("id").GetGuid()
            .ShouldBe(second);
        var taken = await after.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/",
            new { number = "UP-1", party_type = "individual", first_name = "Uma" }, 400);
        taken.GetProperty("number")[0].GetString().ShouldBe("party with this number already exists.");

        // The race that check cannot see is the index's to decide: it is back, unique within an organization.
        await using var check = new NpgsqlConnection(database);
        await check.OpenAsync();
        await using var index = new NpgsqlCommand("select indexdef from pg_indexes where schemaname = 'parties' and indexname = 'uq_party_number'", check);
        ((string)(await index.ExecuteScalarAsync())!).ShouldEndWith($"USING btree ({PartyColumns.Number}, tenant_id)");
    }
}
