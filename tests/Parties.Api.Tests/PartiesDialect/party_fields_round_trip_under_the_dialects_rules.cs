using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.PartiesDialect;

public class party_fields_round_trip_under_the_dialects_rules(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly object[] TwoAddresses =
    [
        new { address_type = "billing", city = "تهران", address = "خیابان آزادی، پلاک ۱", postal_code = "1344654114", is_default = true },
        new { address_type = "shipping", city = "اصفهان", address = "میدان نقش جهان", is_active = false },
    ];

    [Fact]
    public async Task persian_text_round_trips_exactly_and_addresses_and_phones_are_stored()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var created = await app.Host.CreateAsync(org.AdminKey, new
        {
            number = "۱۰۰۱", party_type = "individual", first_name = "علی", last_name = "رضایی", notes = "مشتری ویژه ‌ی تهران",
            addresses = TwoAddresses,
            phones = new[] { new { phone_type = "home", phone = "02166017966" }, new { phone_type = "other_mobile", phone = "09351234567" } },
        });
        var id = created.GetProperty("id").GetGuid();

        var result = await app.Host.Scenario(s => { s.Get.Url($"/api/parties/{id}/"); s.WithApiKey(org.ReadOnlyKey); });
        var raw = await result.ReadAsTextAsync();
        raw.ShouldContain("\"first_name\":\"علی\"");
        raw.ShouldContain("خیابان آزادی، پلاک ۱");
        var read = JsonDocument.Parse(raw).RootElement;
        read.GetProperty("number").GetString().ShouldBe("۱۰۰۱");
        read.GetProperty("last_name").GetString().ShouldBe("رضایی");
        read.GetProperty("notes").GetString().ShouldBe("مشتری ویژه ‌ی تهران");

        var addresses = read.GetProperty("addresses");
        addresses.GetArrayLength().ShouldBe(2);
        addresses[0].GetProperty("address_type").GetString().ShouldBe("billing");
        addresses[0].GetProperty("city").GetString().ShouldBe("تهران");
        addresses[0].GetProperty("postal_code").GetString().ShouldBe("1344654114");
        addresses[0].GetProperty("is_default").GetBoolean().ShouldBeTrue();
        addresses[0].GetProperty("is_active").GetBoolean().ShouldBeTrue();
        addresses[1].GetProperty("is_default").GetBoolean().ShouldBeFalse();
        addresses[1].GetProperty("is_active").GetBoolean().ShouldBeFalse();
        read.GetProperty("phones").Strings("phone_type").ShouldBe(["home", "other_mobile"]);
        read.GetProperty("phones").Strings("phone").ShouldBe(["02166017966", "09351234567"]);

        var found = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?search={Uri.EscapeDataString("رضایی")}");
        found.GetProperty("results")[0].GetProperty("id").GetGuid().ShouldBe(id);
    }

    [Fact]
    public async Task put_replaces_the_lists_patch_replaces_a_list_it_carries_and_leaves_an_omitted_one()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new
        {
            number = "L1", party_type = "individual", addresses = TwoAddresses,
            phones = new[] { new { phone_type = "work", phone = "02166017966" } },
        });

        var patched = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/",
            new { addresses = new[] { new { address_type = "office", city = "شیراز" } } }, 200);
        patched.GetProperty("addresses").Strings("address_type").ShouldBe(["office"]);
        patched.GetProperty("addresses")[0].GetProperty("is_active").GetBoolean().ShouldBeTrue();
        patched.GetProperty("phones").Strings("phone").ShouldBe(["02166017966"]);

        patched = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "only notes" }, 200);
        patched.GetProperty("addresses").GetArrayLength().ShouldBe(1);
        patched.GetProperty("phones").GetArrayLength().ShouldBe(1);

        var put = await app.Host.SendAsync(org.AdminKey, HttpMethod.Put, $"/api/parties/{id}/",
            new { number = "L1", party_type = "individual", phones = new[] { new { phone = "02188776655" } } }, 200);
        put.GetProperty("addresses").GetArrayLength().ShouldBe(0);
        put.GetProperty("phones").Strings("phone_type").ShouldBe(["other"]);
        put.GetProperty("notes").ValueKind.ShouldBe(JsonValueKind.Null);

        var cleared = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { phones = Array.Empty<object>() }, 200);
        cleared.GetProperty("phones").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task two_default_addresses_of_one_type_are_refused_and_nothing_is_written()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var twoDefaults = new[]
        {
            new { address_type = "billing", city = "A", is_default = true },
            new { address_type = "billing", city = "B", is_default = true },
        };
        var body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/",
            new { number = "TD", party_type = "individual", addresses = twoDefaults }, 400);
        body.GetProperty("addresses")[0].GetString()!.ShouldContain("one default address");
        (await app.CountAsync(org)).ShouldBe((0, 0, 0));

        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "TD", party_type = "individual" });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { addresses = twoDefaults }, 400);
        (await app.CountAsync(org)).Events.ShouldBe(1);

        // One default per type is fine: a default billing and a default shipping address.
        var ok = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new
        {
            addresses = new[] { new { address_type = "billing", city = "A", is_default = true }, new { address_type = "shipping", city = "B", is_default = true } },
        }, 200);
        ok.GetProperty("addresses").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task mobile_is_kept_as_given_and_normalised_to_e164_with_the_organizations_country()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "M1", party_type = "individual", mobile = "09121001234" });
        await using (var session = app.Store.QuerySession(org.Id))
            (await session.LoadAsync<Party>(id))!.Data.MobileE164.ShouldBe("+989121001234");

        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/settings", new { plan = "Large", defaultCountry = "DE" });
        var de = await app.Host.CreateIdAsync(org.AdminKey, new { number = "M2", party_type = "individual", mobile = "01512 3456789" });
        await using (var session = app.Store.QuerySession(org.Id))
            (await session.LoadAsync<Party>(de))!.Data.MobileE164.ShouldBe("+4915123456789");
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{de}/")).GetProperty("mobile").GetString().ShouldBe("01512 3456789");
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?search=%2B4915123")).GetProperty("results").Strings("number").ShouldBe(["M2"]);
    }

    [Theory]
    [InlineData("0021234001")]
    [InlineData("1234567890")]
    [InlineData("۰۰۲۱۲۳۴۰۰۱")]
    public async Task national_code_is_checked_for_form_only(string code)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var body = await app.Host.CreateAsync(org.AdminKey, new { number = "NC", party_type = "individual", national_code = code });
        body.GetProperty("national_code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task a_national_code_that_is_not_digits_is_a_400()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/",
            new { number = "NC", party_type = "individual", national_code = "00-ABC" }, 400);
        body.TryGetProperty("national_code", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task role_is_accepted_in_any_order_and_shown_in_canonical_order_with_custom_roles_in_roles()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/party-roles/broker", new { name = "Broker" });

        var body = await app.Host.CreateAsync(org.AdminKey, new { number = "R1", party_type = "individual", role = "employee_and_vendor_and_customer" });
        body.GetProperty("role").GetString().ShouldBe("customer_and_vendor_and_employee");
        var id = body.GetProperty("id").GetGuid();

        body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { roles = new[] { "broker", "vendor" } }, 200);
        body.GetProperty("role").GetString().ShouldBe("vendor");
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["broker", "vendor"]);

        // Setting role keeps the custom roles.
        body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { role = "other_and_customer" }, 200);
        body.GetProperty("role").GetString().ShouldBe("customer_and_other");
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["broker", "customer", "other"]);

        body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { role = "none" }, 200);
        body.GetProperty("role").GetString().ShouldBe("none");
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["broker"]);
    }

    [Fact]
    public async Task unknown_roles_and_sub_types_are_a_400_and_nothing_is_written()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/party-sub-types/private_company", new { name = "Private company" });

        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/",
            new { number = "U1", party_type = "individual", roles = new[] { "vendor", "astronaut" } }, 400))
            .GetProperty("roles")[0].GetString().ShouldBe("\"astronaut\" is not a valid choice.");
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/",
            new { number = "U1", party_type = "individual", role = "vendor_and_astronaut" }, 400))
            .TryGetProperty("role", out _).ShouldBeTrue();
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/",
            new { number = "U1", party_type = "individual", role = "vendor_and_vendor" }, 400))
            .TryGetProperty("role", out _).ShouldBeTrue();
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/",
            new { number = "U1", party_type = "organization", sub_type = "public_company" }, 400))
            .GetProperty("sub_type")[0].GetString().ShouldBe("\"public_company\" is not a valid choice.");
        (await app.CountAsync(org)).ShouldBe((0, 0, 0));

        var ok = await app.Host.CreateAsync(org.AdminKey, new { number = "U1", party_type = "organization", sub_type = "private_company" });
        ok.GetProperty("sub_type").GetString().ShouldBe("private_company");
    }

    [Fact]
    public async Task a_taken_number_or_vendor_name_is_a_400_naming_the_field()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.CreateAsync(org.AdminKey, new { number = "T1", party_type = "organization", legal_name = "Acme Supplies", role = "vendor" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "T2", party_type = "individual", first_name = "Jane", last_name = "Doe", role = "vendor" });

        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/", new { number = "T1", party_type = "individual" }, 400))
            .GetProperty("number")[0].GetString().ShouldBe("party with this number already exists.");
        (await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/",
            new { number = "T3", party_type = "organization", legal_name = "ACME SUPPLIES", role = "vendor" }, 400))
            .TryGetProperty("legal_name", out _).ShouldBeTrue();
        var derived = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/",
            new { number = "T4", party_type = "individual", first_name = "jane", last_name = "doe", role = "customer_and_vendor" }, 400);
        derived.GetProperty("last_name")[0].GetString().ShouldBe("Vendor with the same name already exist");
        (await app.CountAsync(org)).Events.ShouldBe(2);

        // The same name is fine for a party that is not a vendor.
        await app.Host.CreateAsync(org.AdminKey, new { number = "T5", party_type = "organization", legal_name = "Acme Supplies", role = "customer" });
    }
}
