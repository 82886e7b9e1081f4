using System.Net.Http.Json;
using System.Text.Json;
using Alba;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>An organization made through the admin API, with keys for each role.</summary>
public sealed record TestOrganization(string Id, Guid AccountId, string AdminKey, string BookkeeperKey, string MemberKey,
    string ReadOnlyKey);

public static class Organizations
{
    /// <summary>Creates an organization with alice (admin), bob (bookkeeper), carol (member) and their keys.</summary>
    /// <param name="database">The pooled database to place it on; by default the open one with the fewest.</param>
    public static async Task<TestOrganization> CreateAsync(IAlbaHost host, string name = "Acme", string? database = null)
    {
        var created = await host.Scenario(s =>
        {
            s.Post.Json(new { name, admin = new { id = "alice", name = "Alice", email = "alice@acme.test" }, database })
                .ToUrl("/admin/organizations");
            s.WithRequestHeader("Authorization", $"Api-Key {AppFixture.AdminKey}");
            s.StatusCodeShouldBe(201);
        });
        var org = await created.ReadAsJsonAsync<JsonElement>();
        var adminKey = org.GetProperty("apiKey").GetString()!;

        await AddUserAsync(host, adminKey, "bob", "bookkeeper");
        await AddUserAsync(host, adminKey, "carol", "member");
        return new TestOrganization(
            org.GetProperty("id").GetString()!,
            org.GetProperty("accountId").GetGuid(),
            adminKey,
            await AddKeyAsync(host, adminKey, "bob", "read", "write"),
            await AddKeyAsync(host, adminKey, "carol", "read", "write"),
            await AddKeyAsync(host, adminKey, "alice", "read"));
    }

    /// <summary>An organization made over a real socket (for an app running as a process); returns its id and alice's admin key.</summary>
    public static async Task<(string Id, string AdminKey)> CreateAsync(HttpClient http, string name = "Acme")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/organizations")
        {
            Content = JsonContent.Create(new { name, admin = new { id = "alice", name = "Alice", email = "alice@acme.test" } }),
        };
        request.Headers.Add("Authorization", $"Api-Key {AppFixture.AdminKey}");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var org = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (org.GetProperty("id").GetString()!, org.GetProperty("apiKey").GetString()!);
    }

    public static async Task AddUserAsync(IAlbaHost host, string adminKey, string id, string role) =>
        await host.Scenario(s =>
        {
            s.Post.Json(new { id, name = char.ToUpperInvariant(id[0]) + id[1..], email = $"{id}@acme.test", role }).ToUrl("/admin/users");
            s.WithRequestHeader("Authorization", $"Api-Key {adminKey}");
            s.StatusCodeShouldBe(201);
        });

    public static async Task<string> AddKeyAsync(IAlbaHost host, string adminKey, string user, params string[] permissions)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(new { user, permissions }).ToUrl("/admin/api-keys");
            s.WithRequestHeader("Authorization", $"Api-Key {adminKey}");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public static async Task PutAsync(IAlbaHost host, string adminKey, string url, object body) =>
        await host.Scenario(s =>
        {
            s.Put.Json(body).ToUrl(url);
            s.WithRequestHeader("Authorization", $"Api-Key {adminKey}");
            s.StatusCodeShouldBe(200);
        });
}
