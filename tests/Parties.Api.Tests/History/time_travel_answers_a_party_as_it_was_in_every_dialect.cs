using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.History;

public class time_travel_answers_a_party_as_it_was_in_every_dialect(AppFixture app) : IClassFixture<AppFixture>
{
    private static string At(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz"));

    /// <summary>The party's write times, oldest first, from its history.</summary>
    private async Task<DateTimeOffset[]> TimesAsync(TestOrganization org, Guid id) =>
        [.. (await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/history/")).GetProperty("results").EnumerateArray()
            .Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).Reverse()];

    private async Task<(JsonElement Body, string? ETag)> ReadAsync(string key, string url, int status = 200)
    {
        var result = await app.Host.Scenario(s => { s.Get.Url(url); s.WithApiKey(key); s.StatusCodeShouldBe(status); });
        return (await result.JsonAsync(), result.Context.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task the_parties_dialect_answers_by_version_and_by_time_with_that_versions_etag()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "T-1", party_type = "individual", first_name = "Jane" });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "first" }, 200);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "second" }, 200);
        var times = await TimesAsync(org, id);
        var url = $"/api/parties/{id}/";

        var (v1, tag1) = await ReadAsync(org.ReadOnlyKey, $"{url}?version=1");
        v1.GetProperty("notes").ValueKind.ShouldBeOneOf(JsonValueKind.Null, JsonValueKind.String);
        (v1.GetProperty("notes").ValueKind == JsonValueKind.String ? v1.GetProperty("notes").GetString() : null).ShouldBeNullOrEmpty();
        tag1.ShouldBe("\"1\"");
        var (v2, tag2) = await ReadAsync(org.ReadOnlyKey, $"{url}?version=2");
        v2.GetProperty("notes").GetString().ShouldBe("first");
        tag2.ShouldBe("\"2\"");

        (await ReadAsync(org.ReadOnlyKey, $"{url}?as_of={At(times[1])}")).Body.GetProperty("notes").GetString().ShouldBe("first");
        (await ReadAsync(org.ReadOnlyKey, $"{url}?as_of={At(times[2].AddTicks(-10))}")).Body.GetProperty("notes").GetString().ShouldBe("first");
        var (then, thenTag) = await ReadAsync(org.ReadOnlyKey, $"{url}?as_of={At(times[0])}");
        then.GetProperty("first_name").GetString().ShouldBe("Jane");
        thenTag.ShouldBe("\"1\"");

        // Live aggregation of the whole stream is the snapshot, field for field.
        var (now, nowTag) = await ReadAsync(org.ReadOnlyKey, url);
        var (latest, latestTag) = await ReadAsync(org.ReadOnlyKey, $"{url}?version=3");
        latest.GetRawText().ShouldBe(now.GetRawText());
        latestTag.ShouldBe(nowTag);
        (await ReadAsync(org.ReadOnlyKey, $"{url}?as_of={At(DateTimeOffset.UtcNow.AddDays(1))}")).Body.GetRawText().ShouldBe(now.GetRawText());

        (await ReadAsync(org.ReadOnlyKey, $"{url}?as_of={At(times[0].AddMilliseconds(-1))}", 404)).Body
            .GetProperty("detail").GetString().ShouldBe("Not found.");
        await ReadAsync(org.ReadOnlyKey, $"{url}?version=4", 404);

        var other = await Organizations.CreateAsync(app.Host, "Other");
        await ReadAsync(other.AdminKey, $"{url}?version=1", 404);
        await ReadAsync(other.AdminKey, $"{url}?as_of={At(times[2])}", 404);
    }

    [Theory]
    [InlineData("as_of=yesterday", "as_of")]
    [InlineData("as_of=2024-05-01", "as_of")]
    [InlineData("version=0", "version")]
    [InlineData("version=-1", "version")]
    [InlineData("version=two", "version")]
    [InlineData("version=1&as_of=2024-05-01T00:00:00Z", "version")]
    public async Task a_bad_point_in_time_is_a_400_naming_the_parameter_in_each_dialect(string query, string parameter)
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var id = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid($"Bad Point {Guid.NewGuid():N}"))).GetProperty("ID").GetGuid();

        var parties = (await ReadAsync(org.AdminKey, $"/api/parties/{id}/?{query}", 400)).Body;
        parties.EnumerateObject().Single().Name.ShouldBe(parameter);

        var vendors = (await ReadAsync(org.AdminKey, $"/v1.0/vendor/{id}?{query}", 400)).Body;
        vendors.ShouldBeError("VALIDATION_ERROR");
        vendors.GetProperty("error").GetProperty("message").GetString()!.ShouldStartWith($"Validation failed: {parameter}:");

        var suppliers = await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}?{query}", 400);
        suppliers[0].GetProperty("ErrorCode").GetInt32().ShouldBe(400);
        suppliers[0].GetProperty("Exception").GetString()!.ShouldStartWith($"{parameter}:");
    }

    [Fact]
    public async Task the_vendors_dialect_shows_the_vendor_as_it_was_to_those_who_may_see_it_now()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var carols = await Vendors.CreateAsync(app.Host, org.MemberKey, "Carol Old Name");
        await Vendors.PatchAsync(app.Host, org.MemberKey, carols, new { name = "Carol New Name" });
        var bobs = await Vendors.CreateAsync(app.Host, org.BookkeeperKey, "Bob Vendor");
        var times = await TimesAsync(org, carols);

        var old = await Vendors.GetAsync(app.Host, org.MemberKey, $"/v1.0/vendor/{carols}?version=1");
        old.GetProperty("data").GetProperty("name").GetString().ShouldBe("Carol Old Name");
        (await Vendors.GetAsync(app.Host, org.BookkeeperKey, $"/v1.0/vendor/{carols}?as_of={At(times[1])}"))
            .GetProperty("data").GetProperty("name").GetString().ShouldBe("Carol New Name");
        (await Vendors.GetAsync(app.Host, org.MemberKey, $"/v1.0/vendor/{carols}?as_of={At(times[0].AddSeconds(-1))}", 404))
            .ShouldBeError("VENDOR_NOT_FOUND");
        (await Vendors.GetAsync(app.Host, org.MemberKey, $"/v1.0/vendor/{carols}?version=3", 404)).ShouldBeError("VENDOR_NOT_FOUND");
        (await Vendors.GetAsync(app.Host, org.MemberKey, $"/v1.0/vendor/{bobs}?version=1", 403)).ShouldBeError("ACCESS_DENIED");
    }

    [Fact]
    public async Task the_suppliers_dialect_shows_the_supplier_as_it_was()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var id = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Before Ltd"))).GetProperty("ID").GetGuid();
        var update = Suppliers.Valid("After Ltd");
        update["ID"] = id;
        (await Suppliers.UpdateAsync(app.Host, org, update))[0].GetProperty("OperationStatus").GetString().ShouldBe("succeeded");
        var times = await TimesAsync(org, id);

        (await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}?version=1")).GetProperty("Name").GetString().ShouldBe("Before Ltd");
        (await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}?as_of={At(times[1])}")).GetProperty("Name").GetString().ShouldBe("After Ltd");
        (await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}?version=2")).GetRawText()
            .ShouldBe((await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}")).GetRawText());
        (await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}?version=3", 404))[0].GetProperty("ErrorCode").GetInt32().ShouldBe(404);
        await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}?as_of={At(times[0].AddSeconds(-1))}", 404);
    }
}
