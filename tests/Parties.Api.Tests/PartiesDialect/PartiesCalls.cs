using System.Text.Json;
using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Parties.Projections;

namespace Parties.Api.Tests.PartiesDialect;

/// <summary>Short calls to the Parties dialect for the scenarios of this folder.</summary>
public static class PartiesCalls
{
    public static async Task<JsonElement> CreateAsync(this IAlbaHost host, string key, object body)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/api/parties/");
            s.WithApiKey(key);
            s.StatusCodeShouldBe(201);
        });
        return await result.JsonAsync();
    }

    public static async Task<Guid> CreateIdAsync(this IAlbaHost host, string key, object body) =>
        (await host.CreateAsync(key, body)).GetProperty("id").GetGuid();

    public static async Task<JsonElement> GetJsonAsync(this IAlbaHost host, string key, string url, int status = 200)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithApiKey(key);
            s.StatusCodeShouldBe(status);
        });
        return await result.JsonAsync();
    }

    public static async Task<JsonElement> SendAsync(this IAlbaHost host, string key, HttpMethod method, string url, object body,
        int status)
    {
        var result = await host.Scenario(s =>
        {
            if (method == HttpMethod.Post) s.Post.Json(body).ToUrl(url);
            else if (method == HttpMethod.Put) s.Put.Json(body).ToUrl(url);
            else s.Patch.Json(body).ToUrl(url);
            s.WithApiKey(key);
            s.StatusCodeShouldBe(status);
        });
        return await result.JsonAsync();
    }

    public static async Task<JsonElement> SendRawAsync(this IAlbaHost host, string key, HttpMethod method, string url, string body,
        int status)
    {
        var result = await host.Scenario(s =>
        {
            if (method == HttpMethod.Post) s.Post.Url(url);
            else if (method == HttpMethod.Put) s.Put.Url(url);
            else s.Patch.Url(url);
            s.RawJson(body);
            s.WithApiKey(key);
            s.StatusCodeShouldBe(status);
        });
        return await result.JsonAsync();
    }

    /// <summary>What the organization's store holds: events, party rows, audit rows.</summary>
    public static async Task<(int Events, int Parties, int Audit)> CountAsync(this AppFixture app, TestOrganization org)
    {
        await app.Store.CaughtUpAsync();
        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.QueryAllRawEvents().CountAsync();
        var parties = await session.Query<Party>().CountAsync();
        var audit = await session.Query<AuditEntry>().CountAsync();
        return (events, parties, audit);
    }

    public static string[] Strings(this JsonElement array, string property) =>
        array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!).ToArray();
}
