using Alba;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Duplicates;

public class unique_identifiers_block_a_second_holder_when_the_organization_asks(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Party(string number, string nationalCode, string? economicCode = null) =>
        new { number, party_type = "organization", legal_name = $"Holder {number}", national_code = nationalCode, economic_code = economicCode };

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
}
