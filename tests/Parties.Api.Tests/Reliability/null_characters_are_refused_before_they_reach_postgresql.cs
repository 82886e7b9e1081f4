using Alba;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

/// <summary>PostgreSQL text and jsonb cannot hold U+0000: each dialect refuses one in a body or a query, naming the field,
/// instead of failing in the database (these were 500s, found by the property test).</summary>
public class null_characters_are_refused_before_they_reach_postgresql(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("parties", "POST", "/api/parties/", """{"number":"N-1","party_type":"individual","first_name":"A","last_name":"B","notes":"a\u0000b"}""", "notes")]
    [InlineData("parties", "POST", "/api/parties/bulk/", """[{"number":"N-1","party_type":"individual","addresses":[{"city":"\u0000"}]}]""", "addresses[0].city")]
    [InlineData("parties", "GET", "/api/parties/?search=a%00b", null, "search")]
    [InlineData("vendors", "POST", "/v1.0/vendor", """{"name":"a\u0000b"}""", "/name")]
    [InlineData("vendors", "GET", "/v1.0/vendors?name=%00", null, "name")]
    [InlineData("suppliers", "POST", "/Suppliers", """{"Suppliers":[{"Name":"a\u0000b"}]}""", "Suppliers[0].Name")]
    [InlineData("suppliers", "GET", "/Suppliers?name=%00", null, "name")]
    [InlineData("admin", "POST", "/admin/users", """{"id":"dave","name":"a\u0000b","role":"member"}""", "name")]
    [InlineData("admin", "PUT", "/admin/flex-fields/colour", """{"type":"DROPDOWN","options":[{"id":"\u0000","label":"Red"}]}""", "options[0].id")]
    public async Task in_a_body_or_a_query_with_a_400_naming_the_field_and_nothing_written(string dialect, string method, string url,
        string? body, string field)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var before = await app.CountAsync(org);
        var result = await app.Host.Scenario(s =>
        {
            if (method == "GET") s.Get.Url(url);
            else if (method == "PUT") s.Put.Url(url);
            else s.Post.Url(url);
            if (body is not null) s.RawJson(body);
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });
        var text = await result.ReadAsTextAsync();
        DialectShapes.Error(dialect, 400, text, url.Contains("/bulk/")).ShouldBeNull(text);
        text.ShouldContain(field.Replace("\"", "\\\""));
        (await app.CountAsync(org)).ShouldBe(before);
    }
}
