using JasperFx.Events.Projections;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Webhooks;
using Parties.Webhooks;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

public class rebuilding_the_projections_sends_no_webhook_again(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task projections_rebuild_leaves_the_fan_out_where_it_was()
    {
        await using var receiver = await Receiver.StartAsync();
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.SubscribeAsync(org.AdminKey, receiver.Url);
        for (var i = 0; i < 3; i++) await app.Host.CreateIdAsync(org.AdminKey, new { number = $"B-{i}", party_type = "individual", first_name = "Bo" });
        await receiver.WaitForAsync(3);
        var position = await app.Store.Advanced.ProjectionProgressFor(new ShardName(WebhookFanOut.Name));

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var api = Path.Combine(Repository.Root(), "src", "Parties.Api", "bin", configuration, "net10.0", "Parties.Api.dll");
        var (exit, output) = await Repository.RunAsync("dotnet", $"\"{api}\" projections rebuild",
            ("ConnectionStrings__Parties", app.ConnectionString), ("Parties__AdminKey", AppFixture.AdminKey),
            ("ASPNETCORE_ENVIRONMENT", "Development"), ("Parties__Webhooks__AllowPrivateTargets", "true"));
        exit.ShouldBe(0, output);

        await Task.Delay(3000);
        (await app.Store.Advanced.ProjectionProgressFor(new ShardName(WebhookFanOut.Name))).ShouldBe(position);
        receiver.Requests.Count.ShouldBe(3);
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Query<WebhookDelivery>().CountAsync()).ShouldBe(3);
    }
}
