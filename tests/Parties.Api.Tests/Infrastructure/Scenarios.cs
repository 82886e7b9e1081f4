using System.Text.Json;
using Alba;

namespace Parties.Api.Tests.Infrastructure;

public static class Scenarios
{
    public static void WithApiKey(this Scenario scenario, string key) =>
        scenario.WithRequestHeader("Authorization", $"Api-Key {key}");

    public static async Task<JsonElement> JsonAsync(this IScenarioResult result) => await result.ReadAsJsonAsync<JsonElement>();

    /// <summary>Sends a raw body (malformed JSON included) as application/json.</summary>
    public static void RawJson(this Scenario scenario, string body) =>
        scenario.ConfigureHttpContext(http =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
            http.Request.ContentType = "application/json";
        });
}
