using System.Text.Json;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.History;

public class idempotency_keys_expire_after_their_window(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Parties = "/api/parties/";

    private static string Individual(string number) => JsonSerializer.Serialize(new { number, party_type = "individual" });

    /// <summary>Moves the organization's records back in time, as if they had been written that long ago.</summary>
    private Task AgeRecordsAsync(TestOrganization org, TimeSpan age) => app.ExecuteAsync($"""
        update parties.mt_doc_idempotencyrecord
        set data = jsonb_set(data, '{"{createdAt}"}',
            to_jsonb(to_char((now() - interval '{(int)age.TotalMinutes} minutes') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'))),
            created_at = now() - interval '{(int)age.TotalMinutes} minutes'
        where tenant_id = '{org.Id}'
        """);

    [Fact]
    public async Task a_key_replays_for_24_hours_and_is_free_after()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var key = IdempotencyCalls.NewKey();
        var first = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("X-1"), key);
        first.Status.ShouldBe(201, first.Body);

        await AgeRecordsAsync(org, TimeSpan.FromHours(23.5));
        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("X-1"), key)).ShouldRepeat(first);
        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("X-2"), key)).Status.ShouldBe(422);

        await AgeRecordsAsync(org, TimeSpan.FromHours(24.5));
        var later = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("X-2"), key);
        later.Status.ShouldBe(201, later.Body);
        later.Replayed.ShouldBeFalse();
        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("X-2"), key)).ShouldRepeat(later);

        (await app.EventCountAsync(org)).ShouldBe(2);
        (await app.IdempotencyRecordsAsync(org)).ShouldHaveSingleItem().Decision!.Party!.Data.Number.ShouldBe("X-2");
    }

    [Fact]
    public async Task an_expired_key_with_the_same_body_is_decided_again()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var key = IdempotencyCalls.NewKey();
        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("Y-1"), key)).Status.ShouldBe(201);

        await AgeRecordsAsync(org, TimeSpan.FromHours(25));
        var again = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, Parties, Individual("Y-1"), key);

        again.Status.ShouldBe(400, again.Body);
        again.Body.ShouldContain("party with this number already exists.");
        (await app.EventCountAsync(org)).ShouldBe(1);
    }
}

public sealed class OneSecondIdempotencyWindow(TestPostgres postgres) : AppFixture(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
        [.. base.Settings, ("Parties:Idempotency:Window", "00:00:01")];
}

public class idempotency_window_is_configurable(OneSecondIdempotencyWindow app) : IClassFixture<OneSecondIdempotencyWindow>
{
    [Fact]
    public async Task a_key_is_free_again_once_the_configured_window_has_passed()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var key = IdempotencyCalls.NewKey();
        var body = JsonSerializer.Serialize(new { number = "W-1", party_type = "individual" });
        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/api/parties/", body, key)).Status.ShouldBe(201);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var other = JsonSerializer.Serialize(new { number = "W-2", party_type = "individual" });
        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/api/parties/", other, key)).Status.ShouldBe(201);
        (await app.EventCountAsync(org)).ShouldBe(2);
    }
}
