using System.Text.Json;
using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Duplicates;

/// <summary>Merges and the writes they race, through two instances of the app on one database (<see cref="TwoReplicas"/>).</summary>
public class writes_racing_a_merge_across_two_replicas(TwoReplicas replicas, ITestOutputHelper output) : IClassFixture<TwoReplicas>
{
    private const int Writers = 30;

    [Fact]
    public async Task each_write_to_the_absorbed_party_lands_before_the_merge_or_answers_410_and_none_is_lost()
    {
        var org = await Organizations.CreateAsync(replicas.First);
        var survivor = await replicas.First.CreateIdAsync(org.AdminKey, new { number = "RM-1", party_type = "individual", first_name = "Sur" });
        var absorbed = await replicas.First.CreateIdAsync(org.AdminKey, new { number = "RM-2", party_type = "individual", first_name = "Abs" });

        var writes = Enumerable.Range(0, Writers).Select(i => replicas.For(i).Scenario(s =>
        {
            s.Patch.Json(new { notes = $"write {i}" }).ToUrl($"/api/parties/{absorbed}/");
            s.WithApiKey(org.AdminKey);
            s.IgnoreStatusCode();
        })).ToList();
        await Task.Delay(20);
        var merge = replicas.Second.Scenario(s =>
        {
            s.Post.Json(new { absorb = new[] { absorbed } }).ToUrl($"/api/parties/{survivor}/merge/");
            s.WithApiKey(org.BookkeeperKey);
            s.IgnoreStatusCode();
        });
        var answers = await Task.WhenAll(writes);
        (await merge).Context.Response.StatusCode.ShouldBe(200);

        var statuses = answers.Select(a => a.Context.Response.StatusCode).ToArray();
        statuses.ShouldAllBe(s => s == 200 || s == 410);
        await using var session = replicas.Store.QuerySession(org.Id);
        var stream = await session.Events.FetchStreamAsync(absorbed);
        // Nothing after the tombstone, and every 200 is exactly one event before it.
        stream[^1].Data.ShouldBeOfType<PartyAbsorbed>();
        var landed = stream.Select(e => e.Data).OfType<PartyChanged>()
            .Select(c => c.Changes.Single(f => f.Field == "notes").After!.Value.GetString()).ToList();
        var answered = answers.Select((a, i) => (a, i)).Where(p => p.a.Context.Response.StatusCode == 200).Select(p => $"write {p.i}").ToList();
        landed.Order().ShouldBe(answered.Order());
        stream.Select(e => e.Version).ShouldBe(Enumerable.Range(1, stream.Count).Select(v => (long)v));
        foreach (var gone in answers.Where(a => a.Context.Response.StatusCode == 410))
            JsonDocument.Parse(await gone.ReadAsTextAsync()).RootElement.GetProperty("merged_into").GetGuid().ShouldBe(survivor);
        output.WriteLine($"{Writers} PATCHes racing a merge over 2 replicas: {statuses.Count(s => s == 200)}×200 before it, " +
                         $"{statuses.Count(s => s == 410)}×410 after it, 0 lost, 0 after the tombstone");
    }

    [Fact]
    public async Task two_merges_of_the_same_parties_in_opposite_directions_never_deadlock_and_one_wins()
    {
        var org = await Organizations.CreateAsync(replicas.First);
        for (var round = 0; round < 8; round++)
        {
            var a = await replicas.First.CreateIdAsync(org.AdminKey, new { number = $"DL-{round}-A", party_type = "individual", first_name = "A" });
            var b = await replicas.First.CreateIdAsync(org.AdminKey, new { number = $"DL-{round}-B", party_type = "individual", first_name = "B" });
            var answers = await Task.WhenAll(
                replicas.First.Scenario(s => { s.Post.Json(new { absorb = new[] { b } }).ToUrl($"/api/parties/{a}/merge/"); s.WithApiKey(org.AdminKey); s.IgnoreStatusCode(); }),
                replicas.Second.Scenario(s => { s.Post.Json(new { absorb = new[] { a } }).ToUrl($"/api/parties/{b}/merge/"); s.WithApiKey(org.AdminKey); s.IgnoreStatusCode(); }));
            var statuses = answers.Select(x => x.Context.Response.StatusCode).Order().ToArray();
            // The loser finds its survivor absorbed (410), or its absorbed party gone into the other (400).
            statuses[0].ShouldBeOneOf(200);
            statuses[1].ShouldBeOneOf(400, 410);
            await using var session = replicas.Store.QuerySession(org.Id);
            var merged = await session.LoadManyAsync<Party>(a, b);
            merged.Count(p => p.MergedInto is not null).ShouldBe(1);
        }
    }

    [Fact]
    public async Task parties_racing_for_one_identifier_when_the_organization_keeps_them_unique_end_with_one_holder()
    {
        var org = await Organizations.CreateAsync(replicas.First);
        await Organizations.PutAsync(replicas.First, org.AdminKey, "/admin/settings", new { plan = "Large", defaultCountry = "IR", uniqueIdentifiers = true });
        var existing = await replicas.First.CreateIdAsync(org.AdminKey, new { number = "UQ-X", party_type = "individual", first_name = "Patch" });
        for (var round = 0; round < 6; round++)
        {
            var code = $"77{round:00000000}";
            var creates = Enumerable.Range(0, 3).Select(i => replicas.For(i).Scenario(s =>
            {
                s.Post.Json(new { number = $"UQ-{round}-{i}", party_type = "individual", first_name = "Race", national_code = code })
                    .ToUrl("/api/parties/");
                s.WithApiKey(org.AdminKey);
                s.IgnoreStatusCode();
            }));
            var patch = replicas.Second.Scenario(s =>
            {
                s.Patch.Json(new { national_code = code }).ToUrl($"/api/parties/{existing}/");
                s.WithApiKey(org.AdminKey);
                s.IgnoreStatusCode();
            });
            var answers = await Task.WhenAll(creates.Append(patch));
            var statuses = answers.Select(a => a.Context.Response.StatusCode).ToArray();
            statuses.Count(s => s is 200 or 201).ShouldBe(1, string.Join(", ", statuses));
            statuses.Count(s => s == 400).ShouldBe(3, string.Join(", ", statuses));
            foreach (var refused in answers.Where(a => a.Context.Response.StatusCode == 400))
                (await refused.ReadAsTextAsync()).ShouldContain("party with this national code already exists");
            await using var session = replicas.Store.QuerySession(org.Id);
            (await session.Query<Party>().CountAsync(p => p.Data.NationalCode == code)).ShouldBe(1);
        }
        output.WriteLine("6 rounds of 3 creates and 1 PATCH giving one national code through 2 replicas: each 1 holder, 3×400, 0×500");
    }
}
