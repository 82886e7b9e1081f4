using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.VendorsDialect;

public class audit_trail_shows_every_write_whichever_dialect_made_it(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task changes_through_the_vendors_and_the_parties_dialects_appear_newest_first_one_item_per_field()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/flex-fields/hinge", new { type = "DATETIME" });
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, new { name = "Acme", email = "old@acme.test" });
        await Vendors.PatchAsync(app.Host, org.BookkeeperKey, id, new
        {
            email = "new@acme.test",
            address = new { addressLine1 = "1 Main St", zipCode = "10001" },
            customFields = new { hinge = new { type = "DATETIME", value = "2024-05-01" } },
        });
        await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { notes = "Pays late" }).ToUrl($"/api/parties/{id}/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(200);
        });

        var trail = (await Vendors.GetAsync(app.Host, org.ReadOnlyKey, $"/v1.0/vendor/{id}/audit-trail")).GetProperty("data");
        var items = trail.GetProperty("auditTrail").EnumerateArray().ToArray();
        trail.GetProperty("context").GetProperty("count").GetInt32().ShouldBe(items.Length);

        items[0].GetProperty("fieldType").GetString().ShouldBe("NOTES");
        items[0].GetProperty("type").GetString().ShouldBe("UPDATE");
        items[0].GetProperty("actionBy").GetString().ShouldBe("USER");
        items[0].GetProperty("user").ShouldBeJson("""{ "id": "alice", "name": "Alice" }""");
        items[0].GetProperty("activity").ShouldBeJson("""{ "before": null, "after": "Pays late" }""");

        items.Skip(1).Take(3).Select(i => i.GetProperty("fieldType").GetString()).ShouldBe(["EMAIL", "CUSTOM_FIELDS", "ADDRESS"]);
        items[1].GetProperty("user").ShouldBeJson("""{ "id": "bob", "name": "Bob" }""");
        items[1].GetProperty("activity").ShouldBeJson("""{ "before": "old@acme.test", "after": "new@acme.test" }""");
        items[2].GetProperty("activity").ShouldBeJson("""{ "before": {}, "after": { "hinge": { "type": "DATETIME", "value": "2024-05-01" } } }""");
        items[3].GetProperty("activity").ShouldBeJson("""
            { "before": null, "after": { "addressLine1": "1 Main St", "addressLine2": null, "city": null, "state": null,
              "zipCode": "10001", "pinCode": "10001", "country": null, "locality": null } }
            """);

        var created = items.Skip(4).ToArray();
        created.ShouldAllBe(i => i.GetProperty("type").GetString() == "CREATE");
        created.Select(i => i.GetProperty("fieldType").GetString()).ShouldContain("NAME");
        created.Select(i => i.GetProperty("fieldType").GetString()).ShouldContain("OWNER");
        created.Single(i => i.GetProperty("fieldType").GetString() == "LOCALITY").GetProperty("activity")
            .ShouldBeJson("""{ "before": null, "after": "DOMESTIC" }""");
        var createdOn = items[^1].GetProperty("createdOn").GetDateTimeOffset();
        items[0].GetProperty("createdOn").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(createdOn);
    }
}
