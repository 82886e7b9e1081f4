using System.Text.Json;
using Parties.Api.Tests.History;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Sharding;

public class idempotency_records_are_purged_in_every_database(ShardedApp app) : IClassFixture<ShardedApp>
{
    private const string RecordsOf = "select count(*) from parties.mt_doc_idempotencyrecord where tenant_id = $1";

    [Fact]
    public async Task the_purge_deletes_expired_records_of_each_database()
    {
        var orgs = new Dictionary<string, TestOrganization>();
        foreach (var database in new[] { ShardedApp.One, ShardedApp.Two })
        {
            var org = orgs[database] = await Organizations.CreateAsync(app.First, database: database);
            var body = JsonSerializer.Serialize(new { number = $"I-{database}", party_type = "individual" });
            (await app.First.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/api/parties/", body, $"key-{database}")).Status.ShouldBe(201);
            (await app.ScalarAsync(database, RecordsOf, org.Id)).ShouldBe(1);
            await app.ExecuteAsync(database, """
                update parties.mt_doc_idempotencyrecord
                set data = jsonb_set(data, '{createdAt}', to_jsonb('2020-01-01T00:00:00.000000+00:00'::text)),
                    created_at = '2020-01-01T00:00:00Z'
                """);
        }

        foreach (var (database, org) in orgs)
        {
            for (var attempt = 0; attempt < 50 && await app.ScalarAsync(database, RecordsOf, org.Id) > 0; attempt++) await Task.Delay(100);
            (await app.ScalarAsync(database, RecordsOf, org.Id)).ShouldBe(0, database);
            (await app.ScalarAsync(database, "select count(*) from parties.mt_events where tenant_id = $1", org.Id)).ShouldBe(1);
        }
    }
}
