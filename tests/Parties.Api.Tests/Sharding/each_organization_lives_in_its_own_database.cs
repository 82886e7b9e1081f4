using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Sharding;

public class each_organization_lives_in_its_own_database(ShardedApp app) : IClassFixture<ShardedApp>
{
    private const string EventsOf = "select count(*) from parties.mt_events where tenant_id = $1";
    private const string PartiesOf = "select count(*) from parties.mt_doc_party where tenant_id = $1";

    private static string Other(string database) => database == ShardedApp.One ? ShardedApp.Two : ShardedApp.One;

    [Theory]
    [InlineData(ShardedApp.One)]
    [InlineData(ShardedApp.Two)]
    public async Task every_dialect_serves_an_organization_from_its_database_and_its_rows_are_only_there(string database)
    {
        var host = app.First;
        var org = await Suppliers.OrganizationAsync(host, database);

        var party = await host.CreateIdAsync(org.AdminKey, new { number = $"P-{database}", party_type = "individual", first_name = "Ada" });
        await host.SendAsync(org.BookkeeperKey, HttpMethod.Patch, $"/api/parties/{party}/", new { notes = "VIP" }, 200);
        (await host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{party}/")).GetProperty("notes").GetString().ShouldBe("VIP");
        (await host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{party}/?version=1")).GetProperty("notes").GetString().ShouldNotBe("VIP");
        (await host.GetJsonAsync(org.AdminKey, $"/api/parties/{party}/history/")).GetProperty("results").GetArrayLength().ShouldBe(2);

        var vendor = await Vendors.CreateAsync(host, org.AdminKey, $"Vendor {database}");
        (await Vendors.GetAsync(host, org.AdminKey, $"/v1.0/vendor/{vendor}")).GetProperty("data").GetProperty("name").GetString()
            .ShouldBe($"Vendor {database}");
        (await Vendors.GetAsync(host, org.AdminKey, $"/v1.0/vendor/{vendor}/audit-trail")).GetProperty("data")
            .GetProperty("auditTrail").GetArrayLength().ShouldBeGreaterThan(0);

        var supplier = (await Suppliers.CreateOneAsync(host, org, Suppliers.Valid($"Supplier {database}"))).GetProperty("ID").GetGuid();
        (await Suppliers.GetAsync(host, org, $"/Suppliers/{supplier}")).GetProperty("Name").GetString().ShouldBe($"Supplier {database}");
        (await Suppliers.GetAsync(host, org, $"/Suppliers/{supplier}?version=1")).GetProperty("Name").GetString()
            .ShouldBe($"Supplier {database}");

        var events = await app.ScalarAsync(database, EventsOf, org.Id);
        events.ShouldBe(4);
        (await app.ScalarAsync(database, PartiesOf, org.Id)).ShouldBe(3);
        (await app.ScalarAsync(Other(database), EventsOf, org.Id)).ShouldBe(0);
        (await app.ScalarAsync(Other(database), PartiesOf, org.Id)).ShouldBe(0);

        var feed = await host.GetJsonAsync(org.ReadOnlyKey, "/api/changes/?after=0&wait=10");
        while (feed.GetProperty("results").GetArrayLength() < events)
            feed = await host.GetJsonAsync(org.ReadOnlyKey, "/api/changes/?after=0&wait=10");
        feed.GetProperty("results").EnumerateArray().Select(i => i.GetProperty("party").GetGuid()).Distinct()
            .ShouldBe([party, vendor, supplier], ignoreOrder: true);
        (await host.GetJsonAsync(org.ReadOnlyKey, "/api/audit/")).GetProperty("results").GetArrayLength().ShouldBe((int)events);
        var csv = await host.Scenario(s =>
        {
            s.Get.Url("/api/audit/?format=csv");
            s.WithApiKey(org.ReadOnlyKey);
            s.StatusCodeShouldBe(200);
        });
        var rows = (await csv.ReadAsTextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        rows.Select(r => r.Split(',')[1]).Distinct().ShouldBe([party.ToString(), vendor.ToString(), supplier.ToString()], ignoreOrder: true);
    }

    [Fact]
    public async Task the_master_holds_no_organizations_rows()
    {
        await Organizations.CreateAsync(app.First, database: ShardedApp.One);
        (await app.MasterScalarAsync(
            "select count(*) from information_schema.tables where table_schema = 'parties' and table_name in ('mt_events', 'mt_doc_party')"))
            .ShouldBe(0);
        (await app.MasterScalarAsync("select count(*) from parties.mt_doc_organization")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task two_organizations_sharing_a_database_see_only_their_own()
    {
        var first = await Organizations.CreateAsync(app.First, "First", ShardedApp.Two);
        var second = await Organizations.CreateAsync(app.First, "Second", ShardedApp.Two);
        var mine = await app.First.CreateIdAsync(first.AdminKey, new { number = "SAME-1", party_type = "individual", first_name = "Mine" });
        var theirs = await app.First.CreateIdAsync(second.AdminKey, new { number = "SAME-1", party_type = "individual", first_name = "Theirs" });
        var vendor = await Vendors.CreateAsync(app.First, first.AdminKey, "Shared Name");
        await Vendors.CreateAsync(app.First, second.AdminKey, "Shared Name");

        await app.First.GetJsonAsync(first.AdminKey, $"/api/parties/{theirs}/", 404);
        await app.First.GetJsonAsync(second.AdminKey, $"/api/parties/{mine}/", 404);
        (await Vendors.GetAsync(app.First, second.AdminKey, $"/v1.0/vendor/{vendor}", 404)).ShouldBeError("VENDOR_NOT_FOUND");
        var list = await app.First.GetJsonAsync(first.AdminKey, "/api/parties/");
        list.GetProperty("count").GetInt32().ShouldBe(2);
        list.GetProperty("results").Strings("id").ShouldNotContain(theirs.ToString());

        var feed = await app.First.GetJsonAsync(second.AdminKey, "/api/changes/?after=0&wait=10");
        while (feed.GetProperty("results").GetArrayLength() < 2)
            feed = await app.First.GetJsonAsync(second.AdminKey, "/api/changes/?after=0&wait=10");
        feed.GetProperty("results").EnumerateArray().Select(i => i.GetProperty("party").GetGuid()).ShouldNotContain(mine);
        (await app.ScalarAsync(ShardedApp.Two, EventsOf, first.Id)).ShouldBe(2);
        (await app.ScalarAsync(ShardedApp.Two, EventsOf, second.Id)).ShouldBe(2);
    }
}
