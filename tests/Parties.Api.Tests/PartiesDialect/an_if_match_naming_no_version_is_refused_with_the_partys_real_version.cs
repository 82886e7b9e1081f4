using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.PartiesDialect;

/// <summary>An If-Match that names no version (<c>"abc"</c>, <c>""</c>, a 10 KB tag) fails the version check like a stale one:
/// 412 naming the version the party is at, with its ETag (it answered "the party is at version -1." before), and nothing written.</summary>
public class an_if_match_naming_no_version_is_refused_with_the_partys_real_version(AppFixture app) : IClassFixture<AppFixture>
{
    public static readonly TheoryData<string, string> Cases = new()
    {
        { "PATCH", "\"abc\"" },
        { "PATCH", "\"\"" },
        { "PATCH", "garbage" },
        { "PATCH", "W/" },
        { "PATCH", "\"99999999999\"" },
        { "PATCH", $"\"{new string('7', 10 * 1024)}\"" },
        { "PUT", "\"abc\"" },
        { "PUT", "\"\"" },
        { "PUT", $"\"{new string('a', 10 * 1024)}\"" },
        { "DELETE", "\"abc\"" },
        { "DELETE", "\"\"" },
        { "DELETE", $"\"{new string('a', 10 * 1024)}\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task on_an_existing_party_it_is_a_412_naming_the_version_it_is_at(string method, string ifMatch)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "IFM-1", party_type = "individual", first_name = "Ida" });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "v2" }, 200);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "v3" }, 200);
        var before = await app.CountAsync(org);

        var refused = await SendAsync(org, method, id, ifMatch);

        refused.Context.Response.StatusCode.ShouldBe(412);
        (await refused.JsonAsync()).ShouldHaveDetail("Precondition failed: the party is at version 3.");
        refused.Context.Response.Headers.ETag.ToString().ShouldBe("\"3\"");
        (await app.CountAsync(org)).ShouldBe(before);
    }

    [Theory]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task on_a_party_that_does_not_exist_it_is_a_404(string method)
    {
        var org = await Organizations.CreateAsync(app.Host);

        var refused = await SendAsync(org, method, Guid.CreateVersion7(), "\"abc\"");

        refused.Context.Response.StatusCode.ShouldBe(404);
        (await refused.JsonAsync()).ShouldHaveDetail("Not found.");
        (await app.CountAsync(org)).ShouldBe((0, 0, 0));
    }

    private async Task<IScenarioResult> SendAsync(TestOrganization org, string method, Guid id, string ifMatch) =>
        await app.Host.Scenario(s =>
        {
            var url = $"/api/parties/{id}/";
            switch (method)
            {
                case "PATCH": s.Patch.Json(new { notes = "never" }).ToUrl(url); break;
                case "PUT": s.Put.Json(new { number = "IFM-1", party_type = "individual", first_name = "Never" }).ToUrl(url); break;
                default: s.Delete.Url(url); break;
            }
            s.WithApiKey(org.AdminKey);
            s.WithRequestHeader("If-Match", ifMatch);
            s.IgnoreStatusCode();
        });
}

file static class Answers
{
    public static void ShouldHaveDetail(this JsonElement body, string detail) =>
        body.GetProperty("detail").GetString().ShouldBe(detail, body.GetRawText());
}
