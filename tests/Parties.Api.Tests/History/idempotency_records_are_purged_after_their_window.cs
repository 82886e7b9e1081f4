using System.Text.Json;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.History;

public sealed class FrequentIdempotencyPurge(TestPostgres postgres) : AppFixture(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
        [.. base.Settings, ("Parties:Idempotency:PurgeEvery", "00:00:00.200")];
}

public class idempotency_records_are_purged_after_their_window(FrequentIdempotencyPurge app) : IClassFixture<FrequentIdempotencyPurge>
{
    [Fact]
    public async Task expired_records_are_deleted_in_every_organization_and_fresh_ones_kept()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var other = await Organizations.CreateAsync(app.Host, "Globex");
        foreach (var (who, number) in new[] { (org, "O-1"), (org, "O-2"), (other, "G-1") })
        {
            var body = JsonSerializer.Serialize(new { number, party_type = "individual" });
            (await app.Host.SendAsync(who.BookkeeperKey, HttpMethod.Post, "/api/parties/", body, $"key-{number}"))
                .Status.ShouldBe(201);
        }
        await app.ExecuteAsync("""
            update parties.mt_doc_idempotencyrecord
            set data = jsonb_set(data, '{createdAt}', to_jsonb('2020-01-01T00:00:00.000000+00:00'::text)),
                created_at = '2020-01-01T00:00:00Z'
            where id <> 'bob:key-O-2'
            """);

        for (var attempt = 0; attempt < 50 && (await app.IdempotencyRecordsAsync(org)).Count > 1; attempt++) await Task.Delay(100);

        (await app.IdempotencyRecordsAsync(org)).ShouldHaveSingleItem().Id.ShouldBe("bob:key-O-2");
        (await app.IdempotencyRecordsAsync(other)).ShouldBeEmpty();
        (await app.EventCountAsync(org)).ShouldBe(2);
    }
}
