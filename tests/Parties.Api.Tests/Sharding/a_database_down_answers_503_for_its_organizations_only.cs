using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.Reliability;
using Shouldly;

namespace Parties.Api.Tests.Sharding;

public class a_database_down_answers_503_for_its_organizations_only(ShardedApp app) : IClassFixture<ShardedApp>
{
    private async Task<(int Status, string? RetryAfter, string Body)> SendAsync(Action<Scenario> call)
    {
        var result = await app.First.Scenario(s => { call(s); s.IgnoreStatusCode(); });
        return (result.Context.Response.StatusCode, result.Context.Response.Headers.RetryAfter.FirstOrDefault(), await result.ReadAsTextAsync());
    }

    private static Task<Guid> VendorAsync(IAlbaHost host, TestOrganization org) =>
        host.CreateIdAsync(org.AdminKey, new { number = "UP-1", party_type = "organization", legal_name = "Up Ltd", role = "vendor" });

    [Fact]
    public async Task its_organizations_get_503_with_retry_after_in_each_dialect_the_others_are_served_and_it_recovers_without_a_restart()
    {
        var down = await Organizations.CreateAsync(app.First, "Down", ShardedApp.Two);
        var up = await Organizations.CreateAsync(app.First, "Up", ShardedApp.One);
        var downParty = await VendorAsync(app.First, down);
        var upParty = await VendorAsync(app.First, up);

        await app.Cluster(ShardedApp.Two).StopAsync("fast");
        try
        {
            foreach (var (dialect, call) in DialectShapes.CallsOf(down, downParty))
            {
                var (status, retryAfter, body) = await SendAsync(call);
                status.ShouldBe(503, $"{dialect}: {body}");
                retryAfter.ShouldBe("5");
                DialectShapes.ShouldBeUnavailable(dialect, body);
            }
            foreach (var (dialect, call) in DialectShapes.CallsOf(up, upParty))
                (await SendAsync(call)).Status.ShouldBe(200, dialect);
            (await app.First.Scenario(s => { s.Get.Url("/health/ready"); s.IgnoreStatusCode(); })).Context.Response.StatusCode.ShouldBe(200);
            var databases = (await app.First.Scenario(s =>
            {
                s.Get.Url("/admin/databases");
                s.WithRequestHeader("Authorization", $"Api-Key {AppFixture.AdminKey}");
            })).ReadAsJson<JsonElement>().EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("answers").GetBoolean());
            databases.ShouldBe(new Dictionary<string, bool> { [ShardedApp.One] = true, [ShardedApp.Two] = false });
        }
        finally
        {
            await app.Cluster(ShardedApp.Two).StartAsync();
        }

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        var calls = DialectShapes.CallsOf(down, downParty);
        while (DateTimeOffset.UtcNow < deadline && (await SendAsync(calls[0].Call)).Status != 200) await Task.Delay(200);
        foreach (var (dialect, call) in calls) (await SendAsync(call)).Status.ShouldBe(200, dialect);
    }
}
