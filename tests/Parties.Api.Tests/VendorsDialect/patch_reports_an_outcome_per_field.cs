using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.VendorsDialect;

public class patch_reports_an_outcome_per_field(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task the_seeds_mixed_example_answers_exactly_duplicate_name_same_phone_and_new_owner()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var other = await Vendors.CreateAsync(app.Host, org.AdminKey, "Acme Trading");
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, new { name = "Acme Suppliers", phone = "+919876543210" });

        var answer = await Vendors.PatchAsync(app.Host, org.AdminKey, id,
            new { name = "Acme Trading", phone = "+919876543210", owner = "bob" });

        answer.ShouldBeJson($$"""
            {
              "ok": true, "update": true, "error": null,
              "context": { "updates": {
                "name": {
                  "update": false,
                  "error": { "code": "DUPLICATE_VENDOR_NAME", "message": "Vendor with the same name already exist" },
                  "isDuplicate": true,
                  "duplicateVendor": { "id": "{{other}}", "name": "Acme Trading" }
                },
                "phone": { "update": false, "error": { "code": "SAME_VALUE_GIVEN", "message": "Phone is same as the current one" } },
                "owner": { "update": true }
              } }
            }
            """);
        var details = (await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendor/{id}")).GetProperty("data");
        details.GetProperty("name").GetString().ShouldBe("Acme Suppliers");
        details.GetProperty("ownerId").GetString().ShouldBe("bob");
        details.GetProperty("ownerName").GetString().ShouldBe("Bob");
    }

    [Fact]
    public async Task a_successful_multi_field_update_reports_each_field_updated_and_is_one_event()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Acme Suppliers");

        var answer = await Vendors.PatchAsync(app.Host, org.AdminKey, id,
            new { name = "Acme Suppliers Ltd", email = "vendor@example.com", phone = "+919876543210" });

        answer.ShouldBeJson("""
            { "ok": true, "update": true, "error": null,
              "context": { "updates": { "name": { "update": true }, "email": { "update": true }, "phone": { "update": true } } } }
            """);
        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.FetchStreamAsync(id);
        events.Count.ShouldBe(2);
        events[1].Data.ShouldBeOfType<PartyChanged>().Changes.Select(c => c.Field).ShouldBe(["name", "phone", "email"]);
        events[1].GetHeader("dialect")!.ToString().ShouldBe("vendors");
    }

    [Fact]
    public async Task invalid_phone_and_unknown_owner_are_refused_per_field_while_the_rest_is_applied()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Globex");

        var answer = await Vendors.PatchAsync(app.Host, org.AdminKey, id,
            new { phone = "9876543210", owner = "nobody", email = "ap@globex.test" });

        answer.Update("phone").ShouldBeJson("""
            { "update": false, "error": { "code": "INVALID_NUMBER", "message": "Phone number must be in the format +{country_code}{number}" } }
            """);
        answer.Update("owner").ShouldBeJson("""
            { "update": false, "error": { "code": "INVALID_OWNER", "message": "Owner not found in the organization" } }
            """);
        answer.Update("email").ShouldBeJson("""{ "update": true }""");
        var details = (await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendor/{id}")).GetProperty("data");
        details.GetProperty("email").GetString().ShouldBe("ap@globex.test");
        details.GetProperty("phone").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        details.GetProperty("ownerId").GetString().ShouldBe("alice");
    }

    [Fact]
    public async Task unknown_users_in_communications_are_listed_as_wrong_user_slugs()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Initech");

        var refused = await Vendors.PatchAsync(app.Host, org.AdminKey, id,
            new { communications = new { to = new[] { "bob", "ghost" }, cc = new[] { "carol" }, bcc = new[] { "phantom" } } });
        refused.ShouldBeJson("""
            { "ok": true, "update": true, "error": null, "context": { "updates": { "communications": {
              "update": false,
              "error": { "code": "INVALID_USER_IN_COMMUNICATIONS", "message": "ERROR_CODE INVALID_USER_IN_COMMUNICATIONS not found" },
              "wrongUserSlugs": ["ghost", "phantom"] } } } }
            """);

        var accepted = await Vendors.PatchAsync(app.Host, org.AdminKey, id, new { communications = new { to = new[] { "bob" }, cc = new[] { "carol" } } });
        accepted.Update("communications").ShouldBeJson("""{ "update": true }""");
        var details = (await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendor/{id}")).GetProperty("data");
        details.GetProperty("communications").ShouldBeJson("""{ "to": ["bob"], "cc": ["carol"], "bcc": [] }""");
    }

    [Fact]
    public async Task custom_fields_get_an_outcome_per_slug_with_every_flex_field_code()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/flex-fields/hinge", new { type = "DATETIME" });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/flex-fields/fasttrack", new { type = "VARCHAR" });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/flex-fields/test-upload", new { type = "NUMERIC" });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/flex-fields/tier",
            new { type = "DROPDOWN", options = new[] { new { id = "gold", label = "Gold" } } });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/flex-fields/since", new { type = "DATETIME" });
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Umbrella");

        var answer = await Vendors.PatchAsync(app.Host, org.AdminKey, id, new
        {
            customFields = new Dictionary<string, object>
            {
                ["fasttrack"] = new { type = "VARCHAR", value = "yes" },
                ["test-upload"] = new { type = "NUMERIC", value = 42.5 },
                ["wrong-tag"] = new { type = "VARCHAR", value = "x" },
                ["hinge"] = new { type = "VARCHAR", value = "2024-01-01" },
                ["tier"] = new { type = "DROPDOWN", value = "platinum" },
                ["since"] = new { type = "DATETIME", value = "01/02/2024" },
            },
        });

        answer.ShouldBeJson("""
            { "ok": true, "update": true, "error": null, "context": { "updates": { "customFields": {
              "fasttrack": { "update": true },
              "test-upload": { "update": true },
              "wrong-tag": { "update": false, "error": { "code": "INVALID_TAG", "message": "Invalid tag key" } },
              "hinge": { "update": false, "error": { "code": "INVALID_TAG_TYPE", "message": "Tag type is of 'DATETIME' but received VARCHAR" } },
              "tier": { "update": false, "error": { "code": "INVALID_VALUE_ID", "message": "Invalid value id for the tag" } },
              "since": { "update": false, "error": { "code": "INVALID_DATE_INPUT", "message": "Date must be in YYYY-MM-DD format" } }
            } } } }
            """);
        var details = (await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendor/{id}")).GetProperty("data");
        details.GetProperty("customFields").ShouldBeJson("""
            { "fasttrack": { "type": "VARCHAR", "value": "yes" }, "test-upload": { "type": "NUMERIC", "value": 42.5 } }
            """);

        var again = await Vendors.PatchAsync(app.Host, org.AdminKey, id, new
        {
            customFields = new Dictionary<string, object> { ["fasttrack"] = new { type = "VARCHAR", value = "yes" }, ["tier"] = new { type = "DROPDOWN", value = "gold" } },
        });
        again.Update("customFields").ShouldBeJson("""
            { "fasttrack": { "update": false, "error": { "code": "SAME_VALUE_GIVEN", "message": "Fasttrack is same as the current one" } },
              "tier": { "update": true } }
            """);
    }

    [Fact]
    public async Task sending_current_values_reports_same_value_given_for_each_field_and_appends_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, new
        {
            name = "Hooli", email = "ap@hooli.test", phone = "+14155552671",
            address = new { addressLine1 = "1 Main St", state = "CA", zipCode = "94016" },
        });
        await Vendors.PatchAsync(app.Host, org.AdminKey, id, new { communications = new { to = new[] { "bob" } } });

        var answer = await Vendors.PatchAsync(app.Host, org.AdminKey, id, new
        {
            name = "Hooli", email = "ap@hooli.test", phone = "+14155552671", owner = "alice",
            address = new { addressLine1 = "1 Main St", pinCode = "94016" }, communications = new { to = new[] { "bob" } },
        });

        foreach (var (field, label) in new[] { ("name", "Name"), ("email", "Email"), ("phone", "Phone"), ("owner", "Owner"),
                     ("address", "Address"), ("communications", "Communications") })
            answer.Update(field).ShouldBeJson($$"""
                { "update": false, "error": { "code": "SAME_VALUE_GIVEN", "message": "{{label}} is same as the current one" } }
                """);
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamAsync(id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_patch_whose_every_field_fails_appends_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await Vendors.CreateAsync(app.Host, org.AdminKey, "Taken Name");
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Stark");

        var answer = await Vendors.PatchAsync(app.Host, org.AdminKey, id, new { name = "TAKEN NAME", phone = "12", owner = "ghost" });

        answer.Update("name").GetProperty("error").GetProperty("code").GetString().ShouldBe("DUPLICATE_VENDOR_NAME");
        answer.Update("phone").GetProperty("error").GetProperty("code").GetString().ShouldBe("INVALID_NUMBER");
        answer.Update("owner").GetProperty("error").GetProperty("code").GetString().ShouldBe("INVALID_OWNER");
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamAsync(id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task the_address_is_merged_and_zip_and_pin_code_are_one_postal_code()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, new
        {
            name = "Wayne", address = new { addressLine1 = "1 Main St", addressLine2 = "Floor 2", city = "Gotham", state = "NJ", zipCode = "07001", country = "US" },
        });

        var answer = await Vendors.PatchAsync(app.Host, org.AdminKey, id, new { address = new { city = "Mumbai", pinCode = "400001", locality = "INTERNATIONAL" } });

        answer.Update("address").ShouldBeJson("""{ "update": true }""");
        var details = (await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendor/{id}")).GetProperty("data");
        details.GetProperty("address").ShouldBeJson("""
            { "addressLine1": "1 Main St", "addressLine2": "Floor 2", "city": "Mumbai", "state": "NJ", "zipCode": "400001",
              "pinCode": "400001", "country": "US", "locality": "INTERNATIONAL" }
            """);
        details.GetProperty("locality").GetString().ShouldBe("INTERNATIONAL");
    }
}
