using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.PartiesDialect;

public class bad_input_is_a_drf_400_naming_the_field(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("{\"number\": \"1\", \"party_type\": ", "party_type")]
    [InlineData("not json at all", "non_field_errors")]
    [InlineData("[1, 2]", "non_field_errors")]
    [InlineData("{\"number\": 12, \"party_type\": \"individual\"}", "number")]
    [InlineData("{\"number\": \"1\", \"party_type\": true}", "party_type")]
    [InlineData("{\"number\": \"1\", \"party_type\": \"individual\", \"addresses\": {\"city\": \"x\"}}", "addresses")]
    [InlineData("{\"number\": \"1\", \"party_type\": \"individual\", \"phones\": [{\"phone\": 2166017966}]}", "phones[0].phone")]
    [InlineData("{\"number\": \"1\", \"party_type\": \"individual\", \"addresses\": [{\"city\": \"x\"}, {\"city\": 5}]}", "addresses[1].city")]
    [InlineData("{\"number\": \"1\", \"party_type\": \"individual\", \"notes\": \"a\\u0000b\"}", "notes")]
    [InlineData("{\"number\": \"1\", \"party_type\": \"individual\", \"roles\": \"vendor\"}", "roles")]
    [InlineData("{\"number\": \"1\", \"party_type\": \"individual\", \"is_active\": \"no\"}", "is_active")]
    [InlineData("{\"number\": \"1\", \"number\": \"2\", \"party_type\": \"individual\"}", "number")]
    public async Task malformed_json_and_wrong_types_on_create(string body, string field)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var error = await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Post, "/api/parties/", body, 400);
        error.TryGetProperty(field, out var messages).ShouldBeTrue(error.ToString());
        messages[0].GetString().ShouldNotBeNullOrWhiteSpace();
        (await app.CountAsync(org)).ShouldBe((0, 0, 0));
    }

    [Theory]
    [InlineData("party_type", "robot")]
    [InlineData("role", "king")]
    [InlineData("addresses", "address_type")]
    [InlineData("phones", "phone_type")]
    public async Task unknown_choices_are_refused(string field, string value)
    {
        var org = await Organizations.CreateAsync(app.Host);
        object body = field switch
        {
            "addresses" => new { number = "1", party_type = "individual", addresses = new[] { new { address_type = "castle" } } },
            "phones" => new { number = "1", party_type = "individual", phones = new[] { new { phone_type = "pager", phone = "02166017966" } } },
            _ => new Dictionary<string, object> { ["number"] = "1", ["party_type"] = "individual", [field] = value },
        };
        var error = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/", body, 400);
        error.EnumerateObject().ShouldHaveSingleItem().Name.ShouldStartWith(field);
        (await app.CountAsync(org)).ShouldBe((0, 0, 0));
    }

    [Theory]
    [InlineData("number", 51)]
    [InlineData("first_name", 256)]
    [InlineData("last_name", 256)]
    [InlineData("notes", 2001)]
    [InlineData("national_code", 51)]
    [InlineData("mobile", 33)]
    public async Task overlong_strings_are_refused(string field, int length)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var body = new Dictionary<string, object> { ["number"] = "1", ["party_type"] = "individual", [field] = new string('1', length) };
        var error = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/", body, 400);
        error.GetProperty(field)[0].GetString()!.ShouldStartWith("Ensure this field has no more than");
        (await app.CountAsync(org)).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task overlong_address_fields_name_the_address()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var error = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/", new
        {
            number = "1", party_type = "individual", addresses = new[] { new { city = new string('ت', 101) } },
        }, 400);
        error.GetProperty("addresses[0].city")[0].GetString()!.ShouldStartWith("Ensure this field has no more than 100");
    }

    [Fact]
    public async Task required_fields_are_named_on_create_and_put()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var error = await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/", new { notes = "no number" }, 400);
        error.GetProperty("number")[0].GetString().ShouldBe("This field is required.");
        error.GetProperty("party_type")[0].GetString().ShouldBe("This field is required.");

        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "1", party_type = "individual" });
        error = await app.Host.SendAsync(org.AdminKey, HttpMethod.Put, $"/api/parties/{id}/", new { number = "1" }, 400);
        error.GetProperty("party_type")[0].GetString().ShouldBe("This field is required.");
        error = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { number = "  " }, 400);
        error.GetProperty("number")[0].GetString().ShouldBe("This field may not be blank.");
        (await app.CountAsync(org)).Events.ShouldBe(1);
    }

    [Fact]
    public async Task malformed_json_on_patch_and_put_writes_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "1", party_type = "individual" });
        (await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", "{\"notes\": ", 400))
            .TryGetProperty("notes", out _).ShouldBeTrue();
        (await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", "{]", 400))
            .TryGetProperty("non_field_errors", out _).ShouldBeTrue();
        (await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Put, $"/api/parties/{id}/", "{\"number\": \"1\", \"party_type\": 5}", 400))
            .TryGetProperty("party_type", out _).ShouldBeTrue();
        (await app.CountAsync(org)).Events.ShouldBe(1);
    }
}
