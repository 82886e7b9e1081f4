using Marten;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

/// <summary>
/// Marten indexes a DateTimeOffset inside the JSON through its SQL function <c>mt_immutable_timestamptz</c>, which PostgreSQL
/// cannot inline and plans again in every INSERT that maintains such an index (about 60 µs of database CPU a call, four or
/// five a write before). The tables every write touches index their times as columns of their own instead.
/// </summary>
public class a_write_maintains_no_index_through_a_sql_function(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("mt_doc_party", "modified_at")]
    [InlineData("mt_doc_auditentry", "timestamp")]
    [InlineData("mt_doc_idempotencyrecord", "created_at")]
    public async Task the_write_path_tables_index_their_times_as_columns(string table, string column)
    {
        var definitions = await IndexDefinitionsAsync(table);
        definitions.ShouldAllBe(d => !d.Contains("mt_immutable_timestamptz"), string.Join("\n", definitions));
        definitions.ShouldContain(d => d.Contains(column), string.Join("\n", definitions));
    }

    /// <summary>An attempt is written for every delivery; the deliveries list reads attempts by subscription and id.</summary>
    [Fact]
    public async Task webhook_attempts_are_indexed_by_subscription_and_id_not_by_their_time()
    {
        var definitions = await IndexDefinitionsAsync("mt_doc_webhookattempt");
        definitions.ShouldAllBe(d => !d.Contains("mt_immutable_timestamptz") && !d.Contains("'at'"), string.Join("\n", definitions));
        definitions.ShouldContain(d => d.Contains("subscriptionId") && d.Contains("id)"), string.Join("\n", definitions));
    }

    private async Task<IReadOnlyList<string>> IndexDefinitionsAsync(string table)
    {
        await using var session = app.Store.QuerySession();
        var definitions = await session.QueryAsync<string>(
            "select indexdef from pg_indexes where schemaname = 'parties' and tablename = ?", table);
        definitions.ShouldNotBeEmpty();
        return definitions;
    }

    [Fact]
    public async Task the_time_columns_hold_the_documents_times()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "C-1", party_type = "individual", first_name = "Col" });
        await using var session = app.Store.QuerySession(org.Id);
        var party = (await session.LoadAsync<Party>(id))!;
        var column = await session.QueryAsync<DateTimeOffset>(
            "select modified_at from parties.mt_doc_party where tenant_id = ? and id = ?", org.Id, id);
        // The column keeps microseconds, the document's JSON the clock's ticks.
        column.Single().ShouldBe(party.ModifiedAt, TimeSpan.FromMicroseconds(1));
    }
}
