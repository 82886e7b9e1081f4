using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Webhooks;

public class the_webhook_endpoints_are_in_the_openapi_document(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task every_webhook_endpoint_is_described_with_snake_case_bodies()
    {
        var document = await (await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).JsonAsync();
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        paths.GetProperty("/api/webhooks").TryGetProperty("post", out _).ShouldBeTrue();
        paths.GetProperty("/api/webhooks").TryGetProperty("get", out _).ShouldBeTrue();
        foreach (var method in new[] { "get", "patch", "delete" })
            paths.GetProperty("/api/webhooks/{id}").TryGetProperty(method, out _).ShouldBeTrue(method);
        paths.GetProperty("/api/webhooks/{id}/rotate-secret").TryGetProperty("post", out _).ShouldBeTrue();
        paths.GetProperty("/api/webhooks/{id}/replay").TryGetProperty("post", out _).ShouldBeTrue();
        paths.GetProperty("/api/webhooks/{id}/deliveries").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ShouldBe(["id", "status", "after", "limit"], ignoreOrder: true);

        var input = schemas.GetProperty("WebhookInput").GetProperty("properties");
        input.EnumerateObject().Select(p => p.Name).ShouldBe(["url", "events", "description", "is_active"], ignoreOrder: true);
        schemas.GetProperty("WebhookWithSecret").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["id", "url", "events", "description", "is_active", "created", "secret"], ignoreOrder: true);
        schemas.GetProperty("WebhookResource").GetProperty("properties").TryGetProperty("secret", out _).ShouldBeFalse();
        schemas.GetProperty("AttemptItem").ToString().ShouldContain("\"next_retry\"");
        schemas.GetProperty("ChangeItem").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .ShouldContain("changes");
        schemas.GetProperty("ChangeItem").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .ShouldContain("party_at_version");
    }
}
