using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.VendorsDialect;

public class bad_requests_are_validation_errors_naming_the_json_pointer(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("""{"vendorData":{"email":"not-an-email"}}""", "Validation failed: /vendorData/email: must match format \"email\"")]
    [InlineData("""{"vendorData":{"name":""}}""", "Validation failed: /vendorData/name: must NOT have fewer than 1 characters")]
    [InlineData("""{"vendorData":{"name":12}}""", "Validation failed: /vendorData/name: must be string")]
    [InlineData("""{"vendorData":{"address":{"locality":"LOCAL"}}}""",
        "Validation failed: /vendorData/address/locality: must be equal to one of the allowed values: DOMESTIC, INTERNATIONAL")]
    [InlineData("""{"vendorData":{"communications":{"to":"bob"}}}""", "Validation failed: /vendorData/communications/to: must be array")]
    [InlineData("""{"vendorData":{"customFields":{"hinge":{"type":"DATE","value":"2024-01-01"}}}}""",
        "Validation failed: /vendorData/customFields/hinge/type: must be equal to one of the allowed values: VARCHAR, DATETIME, DROPDOWN, NUMERIC")]
    [InlineData("""{"vendorData":{"customFields":{"hinge":{"type":"DATETIME"}}}}""",
        "Validation failed: /vendorData/customFields/hinge: must have required property 'value'")]
    [InlineData("""{"vendorData":{"nickname":"x"}}""", "Validation failed: /vendorData/nickname: must NOT have additional properties")]
    [InlineData("""{"vendorData":"x"}""", "Validation failed: /vendorData: must be object")]
    [InlineData("""{"name":"Acme"}""", "Validation failed: /: must have required property 'vendorData'")]
    public async Task a_body_that_breaks_the_contract_is_a_400_naming_the_field_and_writes_nothing(string body, string message)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Acme");

        var result = await app.Host.Scenario(s =>
        {
            s.Patch.Url($"/v1.0/vendor/{id}");
            s.RawJson(body);
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });

        (await result.JsonAsync()).ShouldBeJson($$"""{ "ok": false, "error": { "code": "VALIDATION_ERROR", "message": {{System.Text.Json.JsonSerializer.Serialize(message)}} } }""");
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamAsync(id)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"vendorData":{"name":"Acme" """, "/vendorData/name")]
    [InlineData("""{"vendorData":{"address":{"city":Mumbai}}}""", "/vendorData/address/city")]
    [InlineData("""{"vendorData":{"communications":{"to":["bob",]}}}""", "/vendorData/communications/to/0")]
    [InlineData("""{"vendorData":{"name":"a","name":"b"}}""", "/")]
    [InlineData("not json", "/")]
    [InlineData("", "/")]
    public async Task malformed_json_is_a_validation_error_naming_where_reading_stopped(string body, string pointer)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Acme");
        var result = await app.Host.Scenario(s =>
        {
            s.Patch.Url($"/v1.0/vendor/{id}");
            s.RawJson(body);
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });
        var answer = await result.JsonAsync();
        answer.ShouldBeError("VALIDATION_ERROR");
        answer.GetProperty("error").GetProperty("message").GetString()!.ShouldStartWith($"Validation failed: {pointer}: must be valid JSON: ");
    }

    [Fact]
    public async Task an_overlong_name_is_refused_with_its_limit()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Acme");
        var answer = await Vendors.PatchAsync(app.Host, org.AdminKey, id, new { name = new string('x', 256) }, 400);
        answer.ShouldBeError("VALIDATION_ERROR", "Validation failed: /vendorData/name: must NOT have more than 255 characters");
        (await Vendors.PatchAsync(app.Host, org.AdminKey, id, new { name = new string('x', 255) })).Update("name").GetProperty("update")
            .GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task a_vendor_id_that_is_not_an_id_is_a_400_and_an_unknown_one_a_404()
    {
        var org = await Organizations.CreateAsync(app.Host);
        (await Vendors.GetAsync(app.Host, org.AdminKey, "/v1.0/vendor/not-an-id", 400)).ShouldBeError("VALIDATION_ERROR");
        (await Vendors.PatchAsync(app.Host, org.AdminKey, Guid.NewGuid(), new { name = "x" }, 404))
            .ShouldBeJson("""{ "ok": false, "error": { "code": "VENDOR_NOT_FOUND", "message": "Vendor not found" } }""");
    }

    [Fact]
    public async Task create_refuses_a_missing_name_an_invalid_email_locality_phone_or_payment_term()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/payment-terms/Net 30", new { active = true });

        async Task Refused(object body, string code, string? message = null)
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Json(body).ToUrl("/v1.0/vendor");
                s.WithApiKey(org.AdminKey);
                s.StatusCodeShouldBe(400);
            });
            (await result.JsonAsync()).ShouldBeError(code, message);
        }

        await Refused(new { email = "a@b.test" }, "VALIDATION_ERROR", "Validation failed: /: must have required property 'name'");
        await Refused(new { name = "A", email = "nope" }, "VALIDATION_ERROR", "Validation failed: /email: must match format \"email\"");
        await Refused(new { name = "A", locality = "MARS" }, "VALIDATION_ERROR",
            "Validation failed: /locality: must be equal to one of the allowed values: DOMESTIC, INTERNATIONAL");
        await Refused(new { name = "A", address = new { addressLine1 = "x", zipCode = "1" } }, "VALIDATION_ERROR",
            "Validation failed: /address: must have required property 'state'");
        await Refused(new { name = "A", phone = "98765" }, "INVALID_NUMBER");
        await Refused(new { name = "A", paymentTerms = "Net 90" }, "INVALID_PAYMENT_TERM");

        await using var session = app.Store.QuerySession(org.Id);
        (await session.Query<Party>().CountAsync()).ShouldBe(0);
        await Vendors.CreateAsync(app.Host, org.AdminKey, new { name = "A", paymentTerms = "Net 30" });
    }
}
