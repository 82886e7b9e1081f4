using System.Text.RegularExpressions;
using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Duplicates;

public class unique_identifiers_block_a_second_holder_when_the_organization_asks(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Bulk = "/api/parties/bulk/";

    private static object Party(string number, string nationalCode, string? economicCode = null) =>
        new { number, party_type = "organization", legal_name = $"Holder {number}", national_code = nationalCode, economic_code = economicCode };

    private async Task<TestOrganization> UniqueAsync()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/settings", new { plan = "Large", defaultCountry = "IR", uniqueIdentifiers = true });
        return org;
    }

    private static string Refusal(Guid holder) => $"party with this national code already exists: {holder}.";

    [Fact]
    public async Task off_by_default_then_each_dialect_refuses_an_identifier_another_active_party_holds_naming_the_holder()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var holder = await app.Host.CreateIdAsync(org.AdminKey, Party("U1", "0011111111", "4111"));
        await app.Host.CreateIdAsync(org.AdminKey, Party("U2", "0011111111"));

        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/settings", new { plan = "Large", defaultCountry = "IR", uniqueIdentifiers = true });
        var before = await app.Store.EventCountAsync(org);

        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/", Party("U3", "0022222222", "4111"), 400))
            .GetProperty("economic_code")[0].GetString().ShouldBe($"party with this economic code already exists: {holder}.");
        var other = await app.Host.CreateIdAsync(org.AdminKey, Party("U4", "0033333333"));
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{other}/", new { national_code = "0011111111" }, 400))
            .GetProperty("national_code")[0].GetString()!.ShouldStartWith("party with this national code already exists: ");

        var vendor = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { name = "Copy Cat", gstNumber = "4111" }).ToUrl("/v1.0/vendor");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });
        (await vendor.JsonAsync()).ShouldBeJson($$$"""
            {"ok":false,"error":{"code":"DUPLICATE_VENDOR_IDENTIFIER","message":"Vendor with the same GST number already exist"},
             "duplicateVendor":{"id":"{{{holder}}}","name":"Holder U1"}}
            """);
        var supplier = Suppliers.Valid("Copy Supplier");
        supplier["TaxNumber"] = "4111";
        (await Suppliers.CreateAsync(app.Host, org, supplier))[0].ErrorTexts()
            .ShouldContain($"Supplier with tax number '4111' already exists ({holder})");
        (await app.Store.EventCountAsync(org)).ShouldBe(before + 1);

        // Parties that held one value before the setting keep it; an inactive or absorbed holder holds nothing.
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{holder}/", new { notes = "still mine" }, 200);
        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{holder}/"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBe(204); });
        var u5 = await app.Host.Scenario(s => { s.Post.Json(Party("U5", "0044444444", "4111")).ToUrl("/api/parties/"); s.WithApiKey(org.AdminKey); s.IgnoreStatusCode(); });
        u5.Context.Response.StatusCode.ShouldBe(201, await u5.ReadAsTextAsync());
    }

    [Fact]
    public async Task two_writers_that_both_read_no_holder_end_at_the_claim_index_and_the_loser_is_refused_naming_the_winner()
    {
        var org = await UniqueAsync();
        // Both decide on no holder before either commits: without the claim index both would commit.
        var answers = await WritesHeldAtTheSnapshot.RunAsync(app.ConnectionString, ["RC-1", "RC-2"],
            number => app.Host.Scenario(s =>
            {
                s.Post.Json(Party(number, "0099999999")).ToUrl("/api/parties/");
                s.WithApiKey(org.AdminKey);
                s.IgnoreStatusCode();
            }));
        var statuses = answers.Select(a => a.Context.Response.StatusCode).Order().ToArray();
        statuses.ShouldBe([201, 400], string.Join(", ", statuses));
        var winner = (await answers.Single(a => a.Context.Response.StatusCode == 201).JsonAsync()).GetProperty("id").GetGuid();
        var refused = await answers.Single(a => a.Context.Response.StatusCode == 400).JsonAsync();
        refused.GetProperty("national_code")[0].GetString().ShouldBe(Refusal(winner));

        await using var session = app.Store.QuerySession(org.Id);
        var holders = await session.Query<Party>().Where(p => p.Data.NationalCode == "0099999999").ToListAsync();
        holders.ShouldHaveSingleItem().NationalCodeClaim.ShouldBe("0099999999");
    }

    [Fact]
    public async Task bulk_items_giving_one_identifier_refuse_the_later_naming_the_earlier_and_write_nothing()
    {
        var org = await UniqueAsync();
        var u1 = await app.Host.CreateIdAsync(org.AdminKey, Party("BU-1", "0010000001"));
        var u2 = await app.Host.CreateIdAsync(org.AdminKey, new { number = "BU-2", party_type = "organization", legal_name = "Two" });
        await app.Host.CreateIdAsync(org.AdminKey, new { number = "BU-3", party_type = "organization", legal_name = "Three" });
        var before = await app.CountAsync(org);

        var created = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, Bulk,
            new[] { Party("BC-1", "0010000002"), Party("BC-2", "0010000003"), Party("BC-3", "0010000002") }, 400);
        created[0].EnumerateObject().ShouldBeEmpty();
        created[1].EnumerateObject().ShouldBeEmpty();
        var named = Regex.Match(created[2].GetProperty("national_code")[0].GetString()!,
            "^party with this national code already exists: (?<id>[0-9a-f-]{36})\\.$");
        named.Success.ShouldBeTrue(created.ToString());
        named.Groups["id"].Value.ShouldNotBe(u1.ToString());
        (await app.CountAsync(org)).ShouldBe(before);

        foreach (var method in new[] { HttpMethod.Patch, HttpMethod.Put })
        {
            var updated = await app.Host.SendAsync(org.AdminKey, method, Bulk, new object[]
            {
                new { number = "BU-2", party_type = "organization", legal_name = "Two", national_code = "0010000004" },
                new { number = "BU-3", party_type = "organization", legal_name = "Three", national_code = "0010000004" },
            }, 400);
            updated[1].GetProperty("national_code")[0].GetString().ShouldBe(Refusal(u2));
            (await app.CountAsync(org)).ShouldBe(before);
        }

        // A value an earlier item lets go of is free for a later one: the first's claim is cleared before the second's is written.
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, Bulk, new object[]
        {
            new { number = "BU-1", national_code = "0010000005" },
            new { number = "BU-2", national_code = "0010000001" },
        }, 200);
        await using var session = app.Store.QuerySession(org.Id);
        (await session.LoadAsync<Party>(u2))!.NationalCodeClaim.ShouldBe("0010000001");
        (await session.LoadAsync<Party>(u1))!.NationalCodeClaim.ShouldBe("0010000005");
    }

    [Fact]
    public async Task duplicates_from_before_the_setting_stay_writable_without_giving_the_identifier_again()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var first = await app.Host.CreateIdAsync(org.AdminKey, Party("DD-1", "0020000001"));
        var second = await app.Host.CreateIdAsync(org.AdminKey, Party("DD-2", "0020000001"));
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/settings", new { plan = "Large", defaultCountry = "IR", uniqueIdentifiers = true });

        foreach (var id in new[] { first, second, first })
            await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = $"edited {id}" }, 200);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{second}/", new { national_code = "0020000001", notes = "same" }, 200);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, Bulk, new object[]
        {
            new { number = "DD-1", notes = "bulk" }, new { number = "DD-2", notes = "bulk", national_code = "0020000001" },
        }, 200);

        var third = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/", Party("DD-3", "0020000001"), 400);
        third.GetProperty("national_code")[0].GetString().ShouldBeOneOf(Refusal(first), Refusal(second));
        await using var session = app.Store.QuerySession(org.Id);
        (await session.LoadManyAsync<Party>(first, second)).ShouldAllBe(p => p.NationalCodeClaim == null);
    }
}
