using System.Text.Json;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.SuppliersDialect;

public class listing_suppliers_filters_and_pages(AppFixture app) : IClassFixture<AppFixture>
{
    private static string[] Names(JsonElement page) =>
        [.. page.GetProperty("Suppliers").EnumerateArray().Select(s => s.GetProperty("Name").GetString()!)];

    private async Task<TestOrganization> WithSuppliersAsync()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var deprecated = Suppliers.Valid("Alps Old");
        deprecated["Status"] = "Deprecated";
        await Suppliers.CreateAsync(app.Host, org,
            Suppliers.Valid("Beta"), Suppliers.Valid("alpine"), Suppliers.Valid("Alpha"), Suppliers.Valid("Gamma"), deprecated);
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number = "C-1", party_type = "organization", legal_name = "Alpha Customer", role = "customer" }).ToUrl("/api/parties/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        return org;
    }

    [Fact]
    public async Task the_default_list_is_active_suppliers_only_by_name_with_total_and_page()
    {
        var org = await WithSuppliersAsync();
        var page = await Suppliers.GetAsync(app.Host, org, "/Suppliers");
        page.GetProperty("Total").GetInt32().ShouldBe(4);
        page.GetProperty("Page").GetInt32().ShouldBe(1);
        Names(page).ShouldBe(["Alpha", "alpine", "Beta", "Gamma"]);
        page.GetProperty("Suppliers")[0].TryGetProperty("Errors", out _).ShouldBeFalse();

        var other = await Suppliers.OrganizationAsync(app.Host);
        (await Suppliers.GetAsync(app.Host, other, "/Suppliers")).GetProperty("Total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData("true", 5)]
    [InlineData("True", 5)]
    [InlineData("1", 5)]
    [InlineData("false", 4)]
    [InlineData("0", 4)]
    public async Task include_deprecated_adds_the_deprecated_ones(string flag, int total)
    {
        var org = await WithSuppliersAsync();
        var page = await Suppliers.GetAsync(app.Host, org, $"/Suppliers?includeDeprecated={flag}");
        page.GetProperty("Total").GetInt32().ShouldBe(total);
        Names(page).Contains("Alps Old").ShouldBe(total == 5);
    }

    [Fact]
    public async Task name_is_a_case_insensitive_prefix()
    {
        var org = await WithSuppliersAsync();
        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=AL")).ShouldBe(["Alpha", "alpine"]);
        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=alp&includeDeprecated=true")).ShouldBe(["Alpha", "alpine", "Alps Old"]);
        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=lpha")).ShouldBeEmpty();
        var page = await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=g");
        page.GetProperty("Total").GetInt32().ShouldBe(1);

        await Suppliers.CreateAsync(app.Host, org, Suppliers.Valid("A_1"), Suppliers.Valid("AB"), Suppliers.Valid("100% Cotton"), Suppliers.Valid("1000 Nails"));
        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=a_")).ShouldBe(["A_1"]);
        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=100%25")).ShouldBe(["100% Cotton"]);
    }

    [Fact]
    public async Task page_and_limit_page_through_the_total()
    {
        var org = await WithSuppliersAsync();
        var first = await Suppliers.GetAsync(app.Host, org, "/Suppliers?limit=3");
        Names(first).ShouldBe(["Alpha", "alpine", "Beta"]);
        first.GetProperty("Total").GetInt32().ShouldBe(4);
        var second = await Suppliers.GetAsync(app.Host, org, "/Suppliers?limit=3&page=2");
        Names(second).ShouldBe(["Gamma"]);
        second.GetProperty("Page").GetInt32().ShouldBe(2);
        second.GetProperty("Total").GetInt32().ShouldBe(4);
        var beyond = await Suppliers.GetAsync(app.Host, org, "/Suppliers?limit=3&page=9");
        Names(beyond).ShouldBeEmpty();
        beyond.GetProperty("Total").GetInt32().ShouldBe(4);
        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?limit=1000")).Length.ShouldBe(4);
        var farBeyond = await Suppliers.GetAsync(app.Host, org, $"/Suppliers?limit=1000&page={int.MaxValue}");
        Names(farBeyond).ShouldBeEmpty();
        farBeyond.GetProperty("Total").GetInt32().ShouldBe(4);
        (await Suppliers.GetAsync(app.Host, org, "/Suppliers?name=nobody")).GetProperty("Total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task the_default_page_size_is_100()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        await Suppliers.CreateAsync(app.Host, org, [.. Enumerable.Range(0, 100).Select(i => Suppliers.Valid($"S{i:000}"))]);
        await Suppliers.CreateAsync(app.Host, org, Suppliers.Valid("S100"));

        var first = await Suppliers.GetAsync(app.Host, org, "/Suppliers");
        first.GetProperty("Total").GetInt32().ShouldBe(101);
        Names(first).Length.ShouldBe(100);
        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?page=2")).ShouldBe(["S100"]);
    }

    [Theory]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("includeDeprecated=maybe", "includeDeprecated")]
    [InlineData("modifiedSince=yesterday", "modifiedSince")]
    public async Task a_bad_filter_is_a_400_naming_it(string query, string field)
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var error = (await Suppliers.GetAsync(app.Host, org, $"/Suppliers?{query}", 400))[0];
        error.GetProperty("ErrorCode").GetInt32().ShouldBe(400);
        error.GetProperty("Exception").GetString()!.ShouldStartWith(field + ":");
    }

    [Fact]
    public async Task modified_since_returns_the_suppliers_changed_at_or_after_it()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var old = await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Old One"));
        await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Old Two"));
        await Task.Delay(50);
        var since = DateTime.UtcNow;
        await Task.Delay(50);
        await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("New One"));
        var touched = Suppliers.Valid("Old One Touched");
        touched["ID"] = old.GetProperty("ID").GetGuid();
        await Suppliers.UpdateAsync(app.Host, org, touched);

        var changed = await Suppliers.GetAsync(app.Host, org, $"/Suppliers?modifiedSince={since:yyyy-MM-ddTHH:mm:ss.fffZ}");
        Names(changed).ShouldBe(["New One", "Old One Touched"]);
        changed.GetProperty("Total").GetInt32().ShouldBe(2);
        changed.GetProperty("Suppliers").EnumerateArray()
            .ShouldAllBe(s => s.GetProperty("LastModifiedOn").GetDateTime() >= since);

        // Without an offset the time is read as UTC.
        Names(await Suppliers.GetAsync(app.Host, org, $"/Suppliers?modifiedSince={since:yyyy-MM-ddTHH:mm:ss.fff}")).Length.ShouldBe(2);
        Names(await Suppliers.GetAsync(app.Host, org, "/Suppliers?modifiedSince=2000-01-01")).Length.ShouldBe(3);
    }
}
