using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

/// <summary>Every replica compares the schema with its configuration at start-up: an index that reads differently in
/// PostgreSQL than Marten writes it (the search index's expression) would be dropped and built again on
/// every start, over every party.</summary>
public class a_started_service_has_no_schema_change_left_to_apply(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task the_database_matches_the_store_configuration_including_the_search_index()
    {
        await app.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(TestContext.Current.CancellationToken);

        await using var session = app.Store.QuerySession();
        var definition = await session.QueryAsync<string>(
            "select indexdef from pg_indexes where indexname = ?", Parties.PartySearchIndex.Name);
        definition.Single().ShouldContain("USING gin");
        definition.Single().Split("gin_trgm_ops").Length.ShouldBe(2);
        definition.Single().Split("chr(31)").Length.ShouldBe(Parties.PartySearchIndex.Fields.Length);
    }
}
