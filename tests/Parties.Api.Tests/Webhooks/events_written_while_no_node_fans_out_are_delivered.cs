using JasperFx.Events.Daemon;
using Microsoft.Extensions.DependencyInjection;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

/// <summary>
/// A rolling deploy, a crash or a leader change leaves a stretch of events that no node has fanned out yet: the next
/// node to run the fan-out starts from where the last one stopped, not from the newest event.
/// </summary>
public class events_written_while_no_node_fans_out_are_delivered(TestPostgres postgres)
{
    private static readonly (string, string)[] Settings =
    [
        ("Parties:RateLimit:PermitsPerMinute", "0"), ("Parties:Webhooks:AllowPrivateTargets", "true"),
        ("Parties:Webhooks:RetrySchedule", WebhookApp.RetrySchedule),
    ];

    [Fact]
    public async Task the_next_node_delivers_what_was_written_while_the_fan_out_was_stopped()
    {
        await using var receiver = await Receiver.StartAsync();
        var database = await postgres.CreateDatabaseAsync("webhooks_handover");
        var first = await AppFixture.StartHostAsync(database, Settings);
        var org = await Organizations.CreateAsync(first);
        await first.SubscribeAsync(org.AdminKey, receiver.Url);
        var before = await first.CreateIdAsync(org.AdminKey, new { number = "H-0", party_type = "individual", first_name = "Hal" });
        (await receiver.WaitForAsync(1)).Single().Party.ShouldBe(before);

        // The fan-out stops (as on a node that is shutting down); the API goes on taking writes.
        await first.Services.GetRequiredService<IProjectionCoordinator>().PauseAsync();
        var during = new List<Guid>();
        for (var i = 1; i <= 3; i++)
            during.Add(await first.CreateIdAsync(org.AdminKey, new { number = $"H-{i}", party_type = "individual", first_name = "Hal" }));
        await first.DisposeAsync();

        await using var next = await AppFixture.StartHostAsync(database, Settings);
        var got = await receiver.WaitForAsync(4, TimeSpan.FromSeconds(60));
        got.Select(r => r.Party).ShouldBe([before, .. during], ignoreOrder: true);
    }
}
