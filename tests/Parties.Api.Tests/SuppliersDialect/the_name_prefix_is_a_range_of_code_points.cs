using System.Text.Json;
using Parties.Api.Dialects.Suppliers;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.SuppliersDialect;

public class the_name_prefix_is_a_range_of_code_points(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("abc", "abd")]
    [InlineData("az", "a{")]
    [InlineData("ع", "غ")]
    [InlineData("a\uD7FF", "a\uE000")]
    [InlineData("a\U0010FFFF", "b")]
    public void the_range_ends_at_the_next_code_point(string prefix, string end) => NamePrefix.Successor(prefix).ShouldBe(end);

    [Fact]
    public void a_prefix_of_only_the_last_code_point_has_no_end() => NamePrefix.Successor("\U0010FFFF").ShouldBeNull();

    [Fact]
    public async Task names_at_the_edges_of_the_range_are_in_or_out_as_the_prefix_says()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        await Suppliers.CreateAsync(app.Host, org, Suppliers.Valid("Abc"), Suppliers.Valid("abcz Trading"), Suppliers.Valid("Abd"),
            Suppliers.Valid("Ab"), Suppliers.Valid("Abb~"), Suppliers.Valid("Ábc"), Suppliers.Valid("عباس"), Suppliers.Valid("غلام"));

        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=ABC")).ShouldBe(["Abc", "abcz Trading"]);
        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=ab")).ShouldBe(["Ab", "Abb~", "Abc", "abcz Trading", "Abd"], ignoreOrder: true);
        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=ع")).ShouldBe(["عباس"]);
        (await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=abc")).GetProperty("Total").GetInt32().ShouldBe(2);
    }

    private static string[] Names(JsonElement page) =>
        [.. page.GetProperty("Suppliers").EnumerateArray().Select(s => s.GetProperty("Name").GetString()!)];
}
