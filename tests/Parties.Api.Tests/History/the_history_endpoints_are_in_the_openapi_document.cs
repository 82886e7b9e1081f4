using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.History;

public class the_history_endpoints_are_in_the_openapi_document(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task audit_changes_and_time_travel_are_described_with_their_parameters_and_snake_case_bodies()
    {
        var document = await (await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).JsonAsync();
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        string[] Parameters(string path) =>
            [.. paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)];
        string Ok(string path) => Resolve(paths.GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        string Resolve(JsonElement schema) =>
            (schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema).ToString();

        Parameters("/api/audit").ShouldBe(["party", "user", "field", "dialect", "from", "to", "cursor", "limit", "format"], ignoreOrder: true);
        paths.GetProperty("/api/audit").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content")
            .TryGetProperty("text/csv", out _).ShouldBeTrue();
        Ok("/api/audit").ShouldContain("\"results\"");
        schemas.GetProperty("AuditItem").ToString().ShouldContain("\"api_key_id\"");
        Parameters("/api/changes").ShouldBe(["after", "limit", "wait", "include"], ignoreOrder: true);
        schemas.GetProperty("ChangeItem").ToString().ShouldContain("\"sequence\"");

        foreach (var read in new[] { "/api/parties/{id}", "/v1.0/vendor/{vendorId}", "/Suppliers/{id}" })
            Parameters(read).ShouldContain("as_of");
    }
}
