using System.Net;
using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

/// <summary>The service as deployed: private targets not allowed. Nothing here connects anywhere but the loopback receiver, which must stay unreached.</summary>
public class GuardedApp(TestPostgres postgres) : WebhookApp(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings =>
        [.. base.Settings.Where(s => s.Key != "Parties:Webhooks:AllowPrivateTargets"), ("Parties:Webhooks:AllowPrivateTargets", "false")];
}

public class server_side_request_forgery_is_refused(GuardedApp app) : IClassFixture<GuardedApp>
{
    private const string PublicName = "erp.partner.test";

    [Theory]
    [InlineData("http://127.0.0.1/hooks")]
    [InlineData("http://localhost:8080/hooks")]
    [InlineData("http://10.0.0.1/hooks")]
    [InlineData("http://192.168.1.1/hooks")]
    [InlineData("http://172.16.5.4/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/hooks")]
    [InlineData("http://[::ffff:10.0.0.1]/hooks")]
    [InlineData("http://[fd00:ec2::254]/hooks")]
    [InlineData("http://224.0.0.1/hooks")]
    [InlineData("http://0.0.0.0/hooks")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://203.0.113.10/")]
    [InlineData("http://user:pass@203.0.113.10/")]
    public async Task a_private_loopback_link_local_multicast_or_metadata_target_is_refused_naming_url(string url)
    {
        var org = await Organizations.CreateAsync(app.Host, "SSRF");
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { url, events = new[] { "*" } }).ToUrl("/api/webhooks/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });
        var body = await result.JsonAsync();
        body.GetProperty("url").EnumerateArray().Single().GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task a_patch_to_a_private_target_is_refused_too()
    {
        var org = await Organizations.CreateAsync(app.Host, "Patch");
        app.Names.Table[PublicName] = [IPAddress.Parse("203.0.113.10")];
        var created = await app.Host.SubscribeAsync(org.AdminKey, $"https://{PublicName}/hooks");
        await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { url = "http://192.168.1.1/" }).ToUrl($"/api/webhooks/{created.GetProperty("id").GetString()}/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });
    }

    [Fact]
    public async Task a_host_that_resolves_to_a_private_address_at_delivery_is_refused_without_connecting()
    {
        await using var receiver = await Receiver.StartAsync();
        var org = await Organizations.CreateAsync(app.Host, "Rebind");
        var name = "rebind.partner.test";
        // Public when saved...
        app.Names.Table[name] = [IPAddress.Parse("203.0.113.10")];
        var subscription = await app.Host.SubscribeAsync(org.AdminKey, $"http://{name}:{receiver.Port}/hooks");
        // ...the loopback (where the receiver listens) when delivered.
        app.Names.Table[name] = [IPAddress.Loopback];
        await app.Host.CreateIdAsync(org.AdminKey, new { number = "R-1", party_type = "individual", first_name = "Rita" });

        var id = subscription.GetProperty("id").GetString()!;
        JsonElement attempt = default;
        for (var i = 0; i < 100 && attempt.ValueKind == JsonValueKind.Undefined; i++)
        {
            var page = await app.Host.DeliveriesAsync(org.AdminKey, id);
            attempt = page.GetProperty("results").EnumerateArray().FirstOrDefault();
            if (attempt.ValueKind == JsonValueKind.Undefined) await Task.Delay(100);
        }
        attempt.ValueKind.ShouldBe(JsonValueKind.Object, "no attempt was recorded");
        attempt.GetProperty("status").GetString().ShouldBe("failed");
        attempt.GetProperty("status_code").ValueKind.ShouldBe(JsonValueKind.Null);
        attempt.GetProperty("error").GetString()!.ShouldContain("private");
        attempt.GetProperty("next_retry").ValueKind.ShouldBe(JsonValueKind.Null);
        receiver.Connections.ShouldBe(0);
        receiver.Requests.ShouldBeEmpty();
    }
}
