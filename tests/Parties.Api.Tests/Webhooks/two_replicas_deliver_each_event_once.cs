using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Webhooks;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

/// <summary>
/// Two replicas on one database with Wolverine's real durability agents (leader election, node ownership of
/// messages): not solo, which would let each take every message for its own.
/// </summary>
public sealed class TwoWebhookReplicas(TestPostgres postgres) : IAsyncLifetime
{
    public IAlbaHost First { get; private set; } = null!;
    public IAlbaHost Second { get; private set; } = null!;

    private static readonly (string, string)[] Settings =
    [
        ("Parties:RateLimit:PermitsPerMinute", "0"), ("Parties:RateLimit:SuppliersPermitsPerMinute", "0"),
        ("Parties:Webhooks:AllowPrivateTargets", "true"), ("Parties:Webhooks:RetrySchedule", WebhookApp.RetrySchedule),
    ];

    public async ValueTask InitializeAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("webhook_replicas");
        First = await AppFixture.StartHostAsync(connectionString, Settings, solo: false);
        Second = await AppFixture.StartHostAsync(connectionString, Settings, solo: false);
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}

public class two_replicas_deliver_each_event_once(TwoWebhookReplicas replicas) : IClassFixture<TwoWebhookReplicas>
{
    private const int Parties = 30;

    [Fact]
    public async Task writes_through_both_replicas_are_delivered_once_each_by_one_node_at_a_time()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(5);
        var org = await Organizations.CreateAsync(replicas.First);
        await replicas.Second.SubscribeAsync(org.AdminKey, receiver.Url);

        var writes = Enumerable.Range(0, Parties).Select(async i =>
        {
            var host = i % 2 == 0 ? replicas.First : replicas.Second;
            var id = await host.CreateIdAsync(org.AdminKey, new { number = $"R-{i}", party_type = "individual", first_name = "Rae" });
            await (i % 2 == 0 ? replicas.Second : replicas.First).SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "both" }, 200);
        });
        await Task.WhenAll(writes);

        var got = await receiver.WaitForAsync(2 * Parties, TimeSpan.FromSeconds(120));
        await Task.Delay(2000);
        receiver.Requests.Count.ShouldBe(2 * Parties, "each event was sent exactly once");
        receiver.Requests.GroupBy(r => r.Id).ShouldAllBe(g => g.Count() == 1);
        foreach (var party in got.GroupBy(r => r.Party))
            party.Select(r => r.Type).ShouldBe(["party.created", "party.updated"]);

        await using var session = replicas.First.Services.GetRequiredService<IDocumentStore>().QuerySession(org.Id);
        (await session.Query<WebhookAttempt>().CountAsync()).ShouldBe(2 * Parties);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{2 * Parties} events written through two replicas: {receiver.Requests.Count} requests, {receiver.Distinct().Count} distinct");
    }
}
