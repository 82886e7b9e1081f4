using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.VendorsDialect;

/// <summary>Calls of the Vendors dialect the scenarios share.</summary>
public static class Vendors
{
    public static async Task<Guid> CreateAsync(IAlbaHost host, string key, object body)
    {
        var created = await host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/v1.0/vendor");
            s.WithApiKey(key);
            s.StatusCodeShouldBe(201);
        });
        return (await created.JsonAsync()).GetProperty("data").GetProperty("id").GetGuid();
    }

    public static Task<Guid> CreateAsync(IAlbaHost host, string key, string name) => CreateAsync(host, key, new { name });

    public static async Task<JsonElement> PatchAsync(IAlbaHost host, string key, Guid id, object vendorData, int status = 200)
    {
        var result = await host.Scenario(s =>
        {
            s.Patch.Json(new { vendorData }).ToUrl($"/v1.0/vendor/{id}");
            s.WithApiKey(key);
            s.StatusCodeShouldBe(status);
        });
        return await result.JsonAsync();
    }

    public static async Task<JsonElement> GetAsync(IAlbaHost host, string key, string url, int status = 200)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithApiKey(key);
            s.StatusCodeShouldBe(status);
        });
        return await result.JsonAsync();
    }

    /// <summary>The body equals the expected JSON exactly (same properties and values; order aside).</summary>
    public static void ShouldBeJson(this JsonElement actual, string expected) =>
        JsonNode.DeepEquals(JsonNode.Parse(actual.GetRawText()), JsonNode.Parse(expected))
            .ShouldBeTrue($"expected {expected}\nbut was {actual.GetRawText()}");

    public static void ShouldBeError(this JsonElement body, string code, string? message = null)
    {
        body.GetProperty("ok").GetBoolean().ShouldBeFalse();
        body.GetProperty("error").GetProperty("code").GetString().ShouldBe(code, body.GetRawText());
        if (message is not null) body.GetProperty("error").GetProperty("message").GetString().ShouldBe(message);
    }

    public static JsonElement Update(this JsonElement patchAnswer, string field) =>
        patchAnswer.GetProperty("context").GetProperty("updates").GetProperty(field);
}
