using System.Text.Json;
using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;

namespace Parties.Api.Tests.Duplicates;

/// <summary>Calls of the merge scenarios: merge, unmerge, and counting what a refused request wrote.</summary>
public static class MergeCalls
{
    public static async Task<JsonElement> MergeAsync(this IAlbaHost host, string key, Guid survivor, object body, int status = 200,
        string? ifMatch = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/api/parties/{survivor}/merge/");
            s.WithApiKey(key);
            if (ifMatch is not null) s.WithRequestHeader("If-Match", ifMatch);
            s.StatusCodeShouldBe(status);
        });
        return await result.JsonAsync();
    }

    public static async Task<JsonElement> UnmergeAsync(this IAlbaHost host, string key, Guid survivor, Guid restore, int status = 200)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { restore }).ToUrl($"/api/parties/{survivor}/unmerge/");
            s.WithApiKey(key);
            s.StatusCodeShouldBe(status);
        });
        return await result.JsonAsync();
    }

    public static async Task<int> EventCountAsync(this IDocumentStore store, TestOrganization org)
    {
        await using var session = store.QuerySession(org.Id);
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    public static async Task<Type[]> EventTypesAsync(this IDocumentStore store, TestOrganization org, Guid id)
    {
        await using var session = store.QuerySession(org.Id);
        return [.. (await session.Events.FetchStreamAsync(id)).Select(e => e.Data.GetType())];
    }
}
