using System.Text.Json;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.History;

public class idempotency_keys_on_vendors_writes(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task a_repeated_create_answers_the_same_vendor_id_and_writes_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var key = IdempotencyCalls.NewKey();

        var first = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/v1.0/vendor", """{"name":"Acme Supplies"}""", key);
        first.Status.ShouldBe(201, first.Body);
        var again = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/v1.0/vendor", """{"name":"Acme Supplies"}""", key);

        again.ShouldRepeat(first);
        again.Replayed.ShouldBeTrue();
        (await app.EventCountAsync(org)).ShouldBe(1);
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_a_422_in_the_vendors_shape_and_writes_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var key = IdempotencyCalls.NewKey();
        (await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/v1.0/vendor", """{"name":"Acme Supplies"}""", key))
            .Status.ShouldBe(201);

        var reused = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/v1.0/vendor", """{"name":"Globex"}""", key);

        reused.Status.ShouldBe(422, reused.Body);
        JsonDocument.Parse(reused.Body).RootElement.ShouldBeError("IDEMPOTENCY_KEY_REUSED",
            "This Idempotency-Key was already used for another request (method, path or body).");
        (await app.EventCountAsync(org)).ShouldBe(1);
    }

    [Fact]
    public async Task a_bad_key_is_a_400_in_the_vendors_shape_naming_the_header()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var answer = await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Post, "/v1.0/vendor", """{"name":"Acme"}""",
            new string('k', 256));
        answer.Status.ShouldBe(400, answer.Body);
        JsonDocument.Parse(answer.Body).RootElement.ShouldBeError("VALIDATION_ERROR",
            "Validation failed: Idempotency-Key: Must be one value of 1 to 255 visible ASCII characters.");
    }

    [Fact]
    public async Task a_repeated_patch_answers_its_per_field_outcomes_again_even_after_handing_the_vendor_away()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var other = await Vendors.CreateAsync(app.Host, org.AdminKey, "Acme Trading");
        var id = await Vendors.CreateAsync(app.Host, org.MemberKey, new { name = "Acme Suppliers", phone = "+919876543210" });
        var body = """{"vendorData":{"name":"Acme Trading","phone":"+919876543210","owner":"bob"}}""";
        var key = IdempotencyCalls.NewKey();

        var first = await app.Host.SendAsync(org.MemberKey, HttpMethod.Patch, $"/v1.0/vendor/{id}", body, key);
        first.Status.ShouldBe(200, first.Body);
        JsonDocument.Parse(first.Body).RootElement.Update("name").GetProperty("duplicateVendor").GetProperty("id").GetGuid()
            .ShouldBe(other);
        var events = await app.EventCountAsync(org);

        // carol no longer owns the vendor: without the key the same PATCH is refused.
        (await app.Host.SendAsync(org.MemberKey, HttpMethod.Patch, $"/v1.0/vendor/{id}", body, null)).Status.ShouldBe(403);
        var again = await app.Host.SendAsync(org.MemberKey, HttpMethod.Patch, $"/v1.0/vendor/{id}", body, key);
        again.ShouldRepeat(first);
        (await app.EventCountAsync(org)).ShouldBe(events);
    }

    [Fact]
    public async Task ten_concurrent_patches_with_one_key_write_one_change_and_answer_alike()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Acme Suppliers");
        var key = IdempotencyCalls.NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.Host.SendAsync(org.AdminKey, HttpMethod.Patch,
            $"/v1.0/vendor/{id}", """{"vendorData":{"name":"Acme Suppliers Ltd","email":"vendor@example.com"}}""", key)));

        foreach (var answer in answers) answer.ShouldRepeat(answers[0]);
        JsonDocument.Parse(answers[0].Body).RootElement.Update("name").GetProperty("update").GetBoolean().ShouldBeTrue();
        (await app.EventCountAsync(org)).ShouldBe(2);
    }
}
