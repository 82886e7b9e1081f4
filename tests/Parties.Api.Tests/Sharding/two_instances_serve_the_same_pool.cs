using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Sharding;

public class two_instances_serve_the_same_pool(ShardedApp app) : IClassFixture<ShardedApp>
{
    [Theory]
    [InlineData(ShardedApp.One)]
    [InlineData(ShardedApp.Two)]
    public async Task an_organization_created_through_one_instance_is_served_at_once_by_the_other(string database)
    {
        var org = await Organizations.CreateAsync(app.First, database: database);
        var party = await app.Second.CreateIdAsync(org.AdminKey, new { number = "X-1", party_type = "individual", first_name = "Seen" });
        (await app.Second.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{party}/")).GetProperty("first_name").GetString().ShouldBe("Seen");
        (await app.First.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{party}/")).GetProperty("first_name").GetString().ShouldBe("Seen");
    }

    [Fact]
    public async Task the_change_feed_returns_every_event_once_in_order_while_both_instances_write()
    {
        const int writes = 60;
        var org = await Organizations.CreateAsync(app.First, "Fed", ShardedApp.Two);
        // Its neighbour on the same database writes at the same time, so the organization's sequences have gaps.
        var neighbour = await Organizations.CreateAsync(app.First, "Neighbour", ShardedApp.Two);

        var seen = new List<long>();
        var parties = new List<Guid>();
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var reader = Task.Run(async () =>
        {
            long after = 0;
            while (seen.Count < writes && !done.IsCancellationRequested)
            {
                var page = await app.For(seen.Count).GetJsonAsync(org.ReadOnlyKey, $"/api/changes/?after={after}&limit=7&wait=1");
                foreach (var item in page.GetProperty("results").EnumerateArray())
                {
                    seen.Add(item.GetProperty("sequence").GetInt64());
                    parties.Add(item.GetProperty("party").GetGuid());
                }
                after = page.GetProperty("after").GetInt64();
            }
        });
        var written = await Task.WhenAll(Enumerable.Range(0, writes).Select(async i =>
        {
            var neighbours = app.For(i + 1).CreateAsync(neighbour.AdminKey, new { number = $"N-{i}", party_type = "individual", first_name = "N" });
            var id = await app.For(i).CreateIdAsync(org.BookkeeperKey, new { number = $"F-{i}", party_type = "individual", first_name = "F" });
            await neighbours;
            return id;
        }));
        await reader;

        seen.Count.ShouldBe(writes);
        seen.ShouldBeInOrder(SortDirection.Ascending);
        seen.Distinct().Count().ShouldBe(writes);
        parties.ShouldBe(written, ignoreOrder: true);
        (await app.ScalarAsync(ShardedApp.Two, "select count(*) from parties.mt_events where tenant_id = $1", org.Id)).ShouldBe(writes);
    }
}
