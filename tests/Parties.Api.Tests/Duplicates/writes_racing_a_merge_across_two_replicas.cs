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
}
