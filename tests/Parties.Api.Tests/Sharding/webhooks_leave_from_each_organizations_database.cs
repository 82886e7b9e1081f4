using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.Webhooks;
using Shouldly;

namespace Parties.Api.Tests.Sharding;

public class webhooks_leave_from_each_organizations_database(ShardedApp app) : IClassFixture<ShardedApp>
{
    [Fact]
    public async Task the_async_daemon_of_each_database_delivers_its_organizations_events_once()
    {
        await using var receiver = await Receiver.StartAsync();
        var one = await Organizations.CreateAsync(app.First, "On one", ShardedApp.One);
        var two = await Organizations.CreateAsync(app.First, "On two", ShardedApp.Two);
        await app.First.SubscribeAsync(one.AdminKey, receiver.Url);
        await app.First.SubscribeAsync(two.AdminKey, receiver.Url);

        var parties = new List<Guid>();
        foreach (var org in new[] { one, two })
            for (var i = 0; i < 3; i++)
                parties.Add(await app.For(i).CreateIdAsync(org.AdminKey, new { number = $"W-{i}", party_type = "individual", first_name = "W" }));

        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (receiver.Requests.Count(r => r.Accepted) < parties.Count && DateTimeOffset.UtcNow < deadline) await Task.Delay(200);
        await Task.Delay(TimeSpan.FromSeconds(2));
        receiver.Requests.Where(r => r.Accepted).Select(r => r.Party).ShouldBe(parties, ignoreOrder: true);
    }
}
