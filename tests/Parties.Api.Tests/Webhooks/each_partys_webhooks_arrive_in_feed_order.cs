using System.Collections.Concurrent;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

public class each_partys_webhooks_arrive_in_feed_order(WebhookApp app) : IClassFixture<WebhookApp>
{
    private const int PartyCount = 6, WritesPerDialect = 3;

    [Fact]
    public async Task concurrent_writers_in_three_dialects_and_a_retry_in_the_middle_keep_each_partys_order()
    {
        await using var receiver = await Receiver.StartAsync();
        // The second event of every party fails once: the later ones of that party must wait for its retry.
        var failedOnce = new ConcurrentDictionary<string, bool>();
        receiver.Answer = r => r.Version == 2 && failedOnce.TryAdd(r.Id, true) ? 503 : 200;
        receiver.Delay = TimeSpan.FromMilliseconds(10);
        var org = await Suppliers.OrganizationAsync(app.Host);
        await app.Host.SubscribeAsync(org.AdminKey, receiver.Url);

        var parties = new List<Guid>();
        for (var i = 0; i < PartyCount; i++) parties.Add(await Vendors.CreateAsync(app.Host, org.AdminKey, $"Order Vendor {i}"));

        var writes = parties.SelectMany((id, p) => Enumerable.Range(0, WritesPerDialect).SelectMany(n => new Func<Task>[]
        {
            () => app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = $"note {n}" }, 200),
            () => Vendors.PatchAsync(app.Host, org.AdminKey, id, new { email = $"v{p}-{n}@order.test" }),
            () => Suppliers.UpdateAsync(app.Host, org, new Dictionary<string, object?>(Suppliers.Valid($"Order Vendor {p}"))
            {
                ["ID"] = id, ["Comments"] = $"comment {n}",
            }),
        })).ToList();
        await Task.WhenAll(writes.Select(write => Task.Run(write)));

        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.QueryAllRawEvents().Where(e => parties.Contains(e.StreamId)).ToListAsync();
        var got = await receiver.WaitForAsync(events.Count, TimeSpan.FromSeconds(120));
        got.Count.ShouldBe(events.Count);
        foreach (var party in parties)
        {
            var arrived = got.Where(r => r.Party == party).ToList();
            arrived.Select(r => r.Version).ShouldBe(Enumerable.Range(1, arrived.Count).Select(v => (long)v), $"party {party}");
            arrived.Select(r => r.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        }
        // No event arrived before an earlier one of its party was accepted, retries included.
        foreach (var group in receiver.Requests.GroupBy(r => r.Party))
        {
            var accepted = new HashSet<long>();
            foreach (var request in group.OrderBy(r => r.At))
            {
                if (request.Version > 1) accepted.ShouldContain(request.Version - 1, $"version {request.Version} of {group.Key} went out first");
                if (request.Accepted) accepted.Add(request.Version);
            }
        }
        failedOnce.Count.ShouldBe(PartyCount);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{writes.Count} concurrent writes over {PartyCount} parties in 3 dialects: {events.Count} events, {receiver.Requests.Count} requests " +
            $"({PartyCount} answered 503 once), each party's {events.Count / PartyCount} webhooks in version order");
    }
}
