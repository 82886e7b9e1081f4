using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.VendorsDialect;

public class vendor_access_follows_role_ownership_and_organization(AppFixture app) : IClassFixture<AppFixture>
{
    private const string AccessDenied = """{ "ok": false, "error": { "code": "ACCESS_DENIED", "message": "Access denied: You can only view vendors you own" } }""";

    [Fact]
    public async Task a_member_sees_and_changes_only_the_vendors_it_owns()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var mine = await Vendors.CreateAsync(app.Host, org.MemberKey, "Carol's Vendor");
        var theirs = await Vendors.CreateAsync(app.Host, org.AdminKey, "Alice's Vendor");

        (await Vendors.GetAsync(app.Host, org.MemberKey, $"/v1.0/vendor/{mine}")).GetProperty("data").GetProperty("ownerId").GetString().ShouldBe("carol");
        (await Vendors.GetAsync(app.Host, org.MemberKey, $"/v1.0/vendor/{theirs}", 403)).ShouldBeJson(AccessDenied);
        (await Vendors.GetAsync(app.Host, org.MemberKey, $"/v1.0/vendor/{theirs}/audit-trail", 403)).ShouldBeJson(AccessDenied);
        (await Vendors.PatchAsync(app.Host, org.MemberKey, theirs, new { name = "Hijacked" }, 403)).ShouldBeJson(AccessDenied);
        (await Vendors.PatchAsync(app.Host, org.MemberKey, mine, new { name = "Carol's Renamed" })).Update("name").GetProperty("update").GetBoolean().ShouldBeTrue();

        var list = await Vendors.GetAsync(app.Host, org.MemberKey, "/v1.0/vendors");
        list.GetProperty("data").GetProperty("vendors").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).ShouldBe([mine]);
        var search = await Vendors.GetAsync(app.Host, org.MemberKey, "/v1.0/vendor/search?name=vendor");
        search.GetProperty("data").GetProperty("vendors").GetArrayLength().ShouldBe(0);
        (await Vendors.GetAsync(app.Host, org.MemberKey, "/v1.0/vendor/search?name=renamed")).GetProperty("data").GetProperty("vendors")
            .EnumerateArray().Select(v => v.GetProperty("vendorId").GetGuid()).ShouldBe([mine]);

        // Once the member gives its vendor away, it is no longer the member's to see.
        await Vendors.PatchAsync(app.Host, org.MemberKey, mine, new { owner = "bob" });
        (await Vendors.GetAsync(app.Host, org.MemberKey, $"/v1.0/vendor/{mine}", 403)).ShouldBeJson(AccessDenied);
    }

    [Fact]
    public async Task admins_and_bookkeepers_see_and_change_every_vendor_of_their_organization()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var carols = await Vendors.CreateAsync(app.Host, org.MemberKey, "Carol's Vendor");
        await Vendors.GetAsync(app.Host, org.BookkeeperKey, $"/v1.0/vendor/{carols}");
        await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendor/{carols}/audit-trail");
        (await Vendors.PatchAsync(app.Host, org.BookkeeperKey, carols, new { email = "books@carol.test" })).Update("email")
            .GetProperty("update").GetBoolean().ShouldBeTrue();
        (await Vendors.GetAsync(app.Host, org.BookkeeperKey, "/v1.0/vendors")).GetProperty("data").GetProperty("vendors").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task another_organizations_vendor_and_a_party_that_is_not_a_vendor_are_not_found()
    {
        var acme = await Organizations.CreateAsync(app.Host, "Acme");
        var globex = await Organizations.CreateAsync(app.Host, "Globex");
        var vendor = await Vendors.CreateAsync(app.Host, acme.AdminKey, "Acme's Vendor");
        var customer = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number = "C-1", party_type = "organization", legal_name = "Just A Customer", role = "customer" }).ToUrl("/api/parties/");
            s.WithApiKey(acme.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        var customerId = (await customer.JsonAsync()).GetProperty("id").GetGuid();

        (await Vendors.GetAsync(app.Host, globex.AdminKey, $"/v1.0/vendor/{vendor}", 404)).ShouldBeError("VENDOR_NOT_FOUND", "Vendor not found");
        (await Vendors.PatchAsync(app.Host, globex.AdminKey, vendor, new { name = "x" }, 404)).ShouldBeError("VENDOR_NOT_FOUND");
        (await Vendors.GetAsync(app.Host, globex.AdminKey, $"/v1.0/vendor/{vendor}/audit-trail", 404)).ShouldBeError("VENDOR_NOT_FOUND");
        (await Vendors.GetAsync(app.Host, globex.AdminKey, "/v1.0/vendors")).GetProperty("data").GetProperty("vendors").GetArrayLength().ShouldBe(0);
        (await Vendors.GetAsync(app.Host, acme.AdminKey, $"/v1.0/vendor/{customerId}", 404)).ShouldBeError("VENDOR_NOT_FOUND");
        (await Vendors.PatchAsync(app.Host, acme.AdminKey, customerId, new { name = "x" }, 404)).ShouldBeError("VENDOR_NOT_FOUND");
    }

    [Fact]
    public async Task keys_are_checked_missing_invalid_and_read_only()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await Vendors.CreateAsync(app.Host, org.AdminKey, "Acme");

        var missing = await app.Host.Scenario(s => { s.Get.Url($"/v1.0/vendor/{id}"); s.StatusCodeShouldBe(401); });
        (await missing.JsonAsync()).ShouldBeJson("""{ "ok": false, "error": { "code": "MISSING_CREDENTIALS", "message": "Missing Credentials" } }""");
        (await Vendors.GetAsync(app.Host, "pk_nope", $"/v1.0/vendor/{id}", 401))
            .ShouldBeJson("""{ "ok": false, "error": { "code": "INVALID_API_KEY", "message": "Invalid API Key" } }""");
        (await Vendors.PatchAsync(app.Host, org.ReadOnlyKey, id, new { name = "x" }, 403)).ShouldBeJson(
            """{ "ok": false, "error": { "code": "INSUFFICIENT_PERMISSIONS", "message": "Permission check failed - PERMISSION_CHECK_FAILED" } }""");
        var create = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { name = "Read Only" }).ToUrl("/v1.0/vendor");
            s.WithApiKey(org.ReadOnlyKey);
            s.StatusCodeShouldBe(403);
        });
        (await create.JsonAsync()).ShouldBeError("INSUFFICIENT_PERMISSIONS");
        await Vendors.GetAsync(app.Host, org.ReadOnlyKey, $"/v1.0/vendor/{id}");
    }
}
