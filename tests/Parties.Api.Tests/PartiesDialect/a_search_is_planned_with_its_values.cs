using Marten;
using Marten.Services;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.PartiesDialect;

/// <summary>
/// Npgsql prepares a statement once a connection has sent it five times, and a prepared statement may get PostgreSQL's
/// generic plan; the list's search runs on a connection that prepares nothing, so each is planned with its values.
/// </summary>
public class a_search_is_planned_with_its_values(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task its_session_prepares_nothing_where_martens_connection_prepares_the_same_query()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.CreateIdAsync(org.AdminKey, new { number = "S-1", party_type = "individual", first_name = "Searched" });

        var database = await app.Store.Storage.FindOrCreateDatabase(org.Id);
        var martens = database.CreateConnection();
        await martens.OpenAsync();
        var options = SessionOptions.ForConnection(martens);
        options.TenantId = org.Id;
        (await PreparedAfterTenSearches(app.Store.QuerySession(options))).ShouldBeGreaterThan(0);

        (await PreparedAfterTenSearches(await UnpreparedQuerySession.OpenAsync(app.Store, org.Id, CancellationToken.None))).ShouldBe(0);
    }

    [Fact]
    public async Task the_search_reads_its_own_organization_only()
    {
        var (one, other) = (await Organizations.CreateAsync(app.Host), await Organizations.CreateAsync(app.Host));
        var mine = await app.Host.CreateIdAsync(one.AdminKey, new { number = "S-1", party_type = "individual", first_name = "Zephyrine" });
        await app.Host.CreateIdAsync(other.AdminKey, new { number = "S-1", party_type = "individual", first_name = "Zephyrine" });
        await using var session = await UnpreparedQuerySession.OpenAsync(app.Store, one.Id, CancellationToken.None);
        (await session.Query<Party>().Where(p => p.NameKey!.Contains("zephyrine")).ToListAsync()).Select(p => p.Id).ShouldBe([mine]);
    }

    private static async Task<long> PreparedAfterTenSearches(IQuerySession session)
    {
        await using (session)
        {
            for (var i = 0; i < 10; i++)
                (await session.Query<Party>().Where(p => p.NameKey!.Contains("searched")).ToListAsync()).ShouldNotBeEmpty();
            await using var count = new NpgsqlCommand("select count(*) from pg_prepared_statements", session.Connection);
            return (long)(await count.ExecuteScalarAsync())!;
        }
    }
}
