using System.Text.Json;
using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.VendorsDialect;

public class vendors_are_created_shown_listed_and_searched(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task a_created_vendor_is_an_organization_party_with_the_vendor_role_owned_by_the_caller()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/payment-terms/Net 30", new { active = true });
        var created = await app.Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                name = "Tata Supplies", email = "ap@tata.test", phone = "+919876543210", locality = "INTERNATIONAL", paymentTerms = "Net 30",
                gstNumber = "27AAPFU0939F1ZV", panNumber = "AAPFU0939F",
                address = new { addressLine1 = "1 MG Road", city = "Pune", state = "MH", zipCode = "411001", country = "IN" },
            }).ToUrl("/v1.0/vendor");
            s.WithApiKey(org.BookkeeperKey);
            s.StatusCodeShouldBe(201);
        });
        var id = (await created.JsonAsync()).GetProperty("data").GetProperty("id").GetGuid();

        var details = await Vendors.GetAsync(app.Host, org.ReadOnlyKey, $"/v1.0/vendor/{id}");
        var dateCreated = details.GetProperty("data").GetProperty("dateCreated").GetDateTimeOffset();
        dateCreated.ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        details.ShouldBeJson($$"""
            { "ok": true, "data": {
              "id": "{{id}}", "name": "Tata Supplies", "email": "ap@tata.test", "phone": "+919876543210",
              "gstNumber": "27AAPFU0939F1ZV", "panNumber": "AAPFU0939F",
              "dateCreated": {{JsonSerializer.Serialize(details.GetProperty("data").GetProperty("dateCreated").GetString())}},
              "ownerId": "bob", "ownerName": "Bob", "currency": null, "locality": "INTERNATIONAL",
              "address": { "addressLine1": "1 MG Road", "addressLine2": null, "city": "Pune", "state": "MH", "zipCode": "411001",
                           "pinCode": "411001", "country": "IN", "locality": "INTERNATIONAL" },
              "communications": { "to": [], "cc": [], "bcc": [] }, "customFields": {}, "paymentTerms": "Net 30", "isErased": false } }
            """);

        await using var session = app.Store.QuerySession(org.Id);
        var party = (await session.LoadAsync<Party>(id))!;
        party.Data.PartyType.ShouldBe(PartyType.Organization);
        party.Data.Roles.ShouldBe(["vendor"]);
        party.Number.ShouldBe("V-" + id.ToString("N")[^12..].ToUpperInvariant());

        // The same record through the Parties dialect.
        var asParty = await app.Host.Scenario(s => { s.Get.Url($"/api/parties/{id}/"); s.WithApiKey(org.AdminKey); });
        (await asParty.JsonAsync()).GetProperty("legal_name").GetString().ShouldBe("Tata Supplies");
    }

    [Fact]
    public async Task locality_defaults_to_domestic_and_a_taken_name_is_refused_whatever_its_case()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Initech");
        (await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendor/{id}")).GetProperty("data").GetProperty("locality").GetString()
            .ShouldBe("DOMESTIC");
        var duplicate = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { name = "INITECH" }).ToUrl("/v1.0/vendor");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });
        (await duplicate.JsonAsync()).ShouldBeError("DUPLICATE_VENDOR_NAME");
    }

    [Fact]
    public async Task the_list_pages_by_name_with_a_cursor_and_filters_by_name_owner_and_tax_ids()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var names = new[] { "delta", "Alpha", "charlie", "Bravo", "echo" };
        var ids = new Dictionary<string, Guid>();
        foreach (var name in names) ids[name] = await Vendors.CreateAsync(app.Host, org.AdminKey, new { name, gstNumber = $"GST-{name}" });
        var carols = await Vendors.CreateAsync(app.Host, org.MemberKey, new { name = "Carol Co", panNumber = "PAN-1" });

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendors?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}"))
                .GetProperty("data");
            seen.AddRange(page.GetProperty("vendors").EnumerateArray().Select(v => v.GetProperty("name").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null);
        seen.ShouldBe(["Alpha", "Bravo", "Carol Co", "charlie", "delta", "echo"]);
        pages.ShouldBe(3);

        var byName = await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendors?name=AR");
        byName.GetProperty("data").GetProperty("vendors").EnumerateArray().Select(v => v.GetProperty("name").GetString())
            .ShouldBe(["Carol Co", "charlie"]);
        var byOwner = (await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendors?userId=carol")).GetProperty("data");
        byOwner.GetProperty("vendors").ShouldBeJson($$"""
            [ { "id": "{{carols}}", "name": "Carol Co", "gstNumber": null, "panNumber": "PAN-1",
                "dateCreated": {{byOwner.GetProperty("vendors")[0].GetProperty("dateCreated").GetRawText()}},
                "email": null, "ownerId": "carol", "ownerName": "Carol" } ]
            """);
        byOwner.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        (await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendors?gstNumber=GST-echo")).GetProperty("data").GetProperty("vendors")
            .EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).ShouldBe([ids["echo"]]);
        (await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendors?panNumber=PAN-1")).GetProperty("data").GetProperty("vendors")
            .GetArrayLength().ShouldBe(1);

        (await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendors?limit=0", 400))
            .ShouldBeError("VALIDATION_ERROR", "Validation failed: /limit: must be an integer from 1 to 100");
        (await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendors?limit=101", 400)).ShouldBeError("VALIDATION_ERROR");
        (await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendors?cursor=garbage", 400)).ShouldBeError("VALIDATION_ERROR");
    }

    [Fact]
    public async Task the_default_page_is_twenty()
    {
        var org = await Organizations.CreateAsync(app.Host);
        for (var i = 0; i < 21; i++) await Vendors.CreateAsync(app.Host, org.AdminKey, $"Vendor {i:00}");
        var page = (await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendors")).GetProperty("data");
        page.GetProperty("vendors").GetArrayLength().ShouldBe(20);
        var rest = (await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendors?cursor={page.GetProperty("nextCursor").GetString()}"))
            .GetProperty("data");
        rest.GetProperty("vendors").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("Vendor 20");
    }

    [Fact]
    public async Task search_finds_by_partial_name_or_exact_tax_id_and_needs_one_of_them()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var tata = await Vendors.CreateAsync(app.Host, org.AdminKey, new { name = "Tata Steel", gstNumber = "27AAACT2727Q1ZW", panNumber = "AAACT2727Q" });
        await Vendors.CreateAsync(app.Host, org.AdminKey, new { name = "Steel Authority" });
        await Vendors.CreateAsync(app.Host, org.AdminKey, new { name = "Infosys" });

        var byName = await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendor/search?name=steel");
        byName.GetProperty("data").GetProperty("vendors").EnumerateArray().Select(v => v.GetProperty("name").GetString())
            .ShouldBe(["Steel Authority", "Tata Steel"]);
        var byGst = await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendor/search?gstNumber=27AAACT2727Q1ZW");
        byGst.ShouldBeJson($$"""
            { "ok": true, "data": { "vendors": [ { "vendorId": "{{tata}}", "name": "Tata Steel", "gstNumber": "27AAACT2727Q1ZW", "panNumber": "AAACT2727Q" } ] } }
            """);
        (await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendor/search?panNumber=AAACT2727")).GetProperty("data").GetProperty("vendors")
            .GetArrayLength().ShouldBe(0);
        (await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendor/search", 400))
            .ShouldBeError("VALIDATION_ERROR", "Validation failed: /: must have at least one of name, gstNumber, panNumber");
    }
}
