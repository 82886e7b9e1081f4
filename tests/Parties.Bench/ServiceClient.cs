using System.Net.Http.Headers;
using System.Text.Json;

namespace Parties.Bench;

/// <summary>An organization made for the run: its id, Cin7 account id, admin key and the database it was placed on.</summary>
public sealed record BenchOrganization(string Id, Guid AccountId, string Key, string Database);

/// <summary>The admin calls that set the service up: organizations, their keys and the reference data suppliers need.</summary>
public static class ServiceClient
{
    public static HttpRequestMessage Request(HttpMethod method, string url, string key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Api-Key", key);
        return request;
    }

    /// <summary>Creates an organization, on the named pooled database when given (sharded mode), else where the service places it.</summary>
    public static async Task<BenchOrganization> CreateOrganizationAsync(HttpClient http, string adminKey, string name, string? database = null)
    {
        var body = new { name, admin = new { id = "alice", name = "Alice Admin", email = "alice@example.com" }, database };
        using var response = await http.SendAsync(Request(HttpMethod.Post, "/admin/organizations", adminKey, FakeParties.Json(body)));
        await EnsureAsync(response, "create organization");
        var created = await response.Content.ReadFromJsonAsync();
        var org = new BenchOrganization(created.GetProperty("id").GetString()!, created.GetProperty("accountId").GetGuid(),
            created.GetProperty("apiKey").GetString()!, created.GetProperty("database").GetString()!);

        foreach (var (url, reference) in new (string, object)[]
                 {
                     ($"/admin/payment-terms/{FakeParties.Reference.PaymentTerm}", new { active = true }),
                     ($"/admin/tax-rules/{FakeParties.Reference.TaxRule}", new { forPurchases = true, active = true }),
                     ($"/admin/accounts/{FakeParties.Reference.AccountPayable}", new { accountPayable = true, active = true }),
                 })
        {
            using var put = await http.SendAsync(Request(HttpMethod.Put, url, org.Key, FakeParties.Json(reference)));
            await EnsureAsync(put, url);
        }
        return org;
    }

    public static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> ReadFromJsonAsync(this HttpContent content) =>
        JsonDocument.Parse(await content.ReadAsStringAsync()).RootElement.Clone();
}
