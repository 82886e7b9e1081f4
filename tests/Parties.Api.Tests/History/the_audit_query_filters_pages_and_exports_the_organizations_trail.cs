using System.Text.Json;
using Alba;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.History;

public class the_audit_query_filters_pages_and_exports_the_organizations_trail(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed record Trail(TestOrganization Org, Guid Jane, Guid Vendor, Guid Supplier);

    /// <summary>Four writes in one organization through the three dialects, and one in another organization.</summary>
    private async Task<Trail> WorkloadAsync()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var jane = await app.Host.CreateIdAsync(org.AdminKey, new { number = "A-1", party_type = "individual", first_name = "Jane" });
        var vendor = await Vendors.CreateAsync(app.Host, org.BookkeeperKey, "Audit Vendor");
        await app.Host.SendAsync(org.BookkeeperKey, HttpMethod.Patch, $"/api/parties/{jane}/", new { notes = "VIP" }, 200);
        var supplier = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Audit Supplier"))).GetProperty("ID").GetGuid();

        var other = await Organizations.CreateAsync(app.Host, "Other");
        await app.Host.CreateIdAsync(other.AdminKey, new { number = "A-1", party_type = "individual", first_name = "Elsewhere" });
        return new Trail(org, jane, vendor, supplier);
    }

    private async Task<JsonElement[]> ResultsAsync(string key, string query) =>
        (await app.Host.GetJsonAsync(key, $"/api/audit/{query}")).GetProperty("results").EnumerateArray().ToArray();

    [Fact]
    public async Task filters_narrow_the_organizations_entries_which_come_newest_first()
    {
        var t = await WorkloadAsync();
        var key = t.Org.AdminKey;

        var all = await ResultsAsync(key, "");
        all.Length.ShouldBe(4, string.Join("\n", all.Select(a => a.ToString())));
        all.Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).ShouldBeInOrder(SortDirection.Descending);
        all.Select(e => e.GetProperty("party").GetGuid()).ShouldBe([t.Supplier, t.Jane, t.Vendor, t.Jane]);
        all.Select(e => e.GetProperty("dialect").GetString()).ShouldBe(["suppliers", "parties", "vendors", "parties"]);

        (await ResultsAsync(key, $"?party={t.Jane}")).Select(e => e.GetProperty("action").GetString()).ShouldBe(["update", "create"]);
        (await ResultsAsync(key, "?user=bob")).Length.ShouldBe(3);
        (await ResultsAsync(key, "?dialect=vendors")).Single().GetProperty("party").GetGuid().ShouldBe(t.Vendor);

        var noted = (await ResultsAsync(key, "?field=notes")).ShouldHaveSingleItem();
        noted.GetProperty("party").GetGuid().ShouldBe(t.Jane);
        var change = noted.GetProperty("changes").EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("field").GetString().ShouldBe("notes");
        change.GetProperty("new").GetString().ShouldBe("VIP");

        var updatedAt = noted.GetProperty("timestamp").GetDateTimeOffset();
        var from = Uri.EscapeDataString(updatedAt.ToString("O"));
        (await ResultsAsync(key, $"?from={from}")).Select(e => e.GetProperty("party").GetGuid()).ShouldBe([t.Supplier, t.Jane]);
        (await ResultsAsync(key, $"?to={from}")).Select(e => e.GetProperty("party").GetGuid()).ShouldBe([t.Vendor, t.Jane]);
        (await ResultsAsync(key, $"?user=bob&party={t.Jane}&field=notes&dialect=parties&from={from}")).Length.ShouldBe(1);
    }

    [Fact]
    public async Task the_cursor_walks_every_entry_once_in_the_same_order()
    {
        var t = await WorkloadAsync();
        var expected = (await ResultsAsync(t.Org.BookkeeperKey, "")).Select(e => e.GetProperty("id").GetGuid()).ToArray();

        var walked = new List<Guid>();
        var url = "/api/audit/?limit=1";
        while (url is not null)
        {
            var page = await app.Host.GetJsonAsync(t.Org.BookkeeperKey, url);
            walked.AddRange(page.GetProperty("results").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
            url = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : new Uri(page.GetProperty("next").GetString()!).PathAndQuery;
            walked.Count.ShouldBeLessThanOrEqualTo(expected.Length);
        }
        walked.ShouldBe(expected);

        var firstTwo = await app.Host.GetJsonAsync(t.Org.BookkeeperKey, "/api/audit/?limit=2");
        var rest = await ResultsAsync(t.Org.BookkeeperKey, $"?limit=2&cursor={firstTwo.GetProperty("cursor").GetString()}");
        rest.Select(e => e.GetProperty("id").GetGuid()).ShouldBe(expected[2..]);
    }

    [Fact]
    public async Task csv_has_one_row_per_changed_field_by_accept_header_or_format()
    {
        var t = await WorkloadAsync();
        var byAccept = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/audit/?party={t.Jane}");
            s.WithApiKey(t.Org.AdminKey);
            s.WithRequestHeader("Accept", "text/csv");
            s.ContentTypeShouldBe("text/csv; charset=utf-8");
        });
        var lines = (await byAccept.ReadAsTextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("timestamp,party,version,action,user,api_key_id,dialect,request_id,field,old,new,erased,reason");
        var update = lines[1].Split(',');
        update[1].ShouldBe(t.Jane.ToString());
        (update[2], update[3], update[4], update[6], update[8], update[9], update[10])
            .ShouldBe(("2", "update", "bob", "parties", "notes", "", "VIP"));
        lines.Skip(2).ShouldAllBe(l => l.Contains(",create,alice,"));
        lines.Skip(2).Select(l => l.Split(',')[8]).ShouldBe(["number", "name", "first_name"]);

        var byFormat = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/audit/?format=csv");
            s.WithApiKey(t.Org.AdminKey);
        });
        var all = (await byFormat.ReadAsTextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        all.Length.ShouldBeGreaterThan(5);
        all.Skip(1).ShouldAllBe(l => !l.Contains("Elsewhere"));
    }

    [Fact]
    public async Task only_admins_and_bookkeepers_may_read_it()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.GetJsonAsync(org.AdminKey, "/api/audit/");
        await app.Host.GetJsonAsync(org.BookkeeperKey, "/api/audit/");
        await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/audit/");
        var refused = await app.Host.GetJsonAsync(org.MemberKey, "/api/audit/", 403);
        refused.GetProperty("detail").GetString().ShouldBe("You do not have permission to perform this action.");
    }

    [Theory]
    [InlineData("party=42", "party")]
    [InlineData("field=shoe_size", "field")]
    [InlineData("dialect=soap", "dialect")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2024-05-01T08:30:00", "from")]
    [InlineData("to=2024-05-01", "to")]
    [InlineData("from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("format=xml", "format")]
    public async Task a_bad_parameter_is_a_400_naming_it(string query, string parameter)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var body = await app.Host.GetJsonAsync(org.AdminKey, $"/api/audit/?{query}", 400);
        body.EnumerateObject().Single().Name.ShouldBe(parameter);
    }

    [Fact]
    public async Task every_filter_has_an_index_led_by_the_organization_and_ending_in_the_page_order()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select indexdef from pg_indexes where schemaname = 'parties' and tablename = 'mt_doc_auditentry'", connection);
        var definitions = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) definitions.Add(reader.GetString(0));

        // The timestamp is a column of its own (see PartiesStore), so the page order is ("timestamp", id) in every one.
        string[] Composite(string leading) => [.. definitions.Where(d =>
            d.Contains("(tenant_id, ") && d.EndsWith(", \"timestamp\", id)") && d.Contains(leading))];
        Composite("'partyId'").ShouldNotBeEmpty(string.Join("\n", definitions));
        Composite("'userId'").ShouldNotBeEmpty();
        Composite("'dialect'").ShouldNotBeEmpty();
        definitions.ShouldContain(d => d.EndsWith("(tenant_id, \"timestamp\", id)"), string.Join("\n", definitions));
        definitions.ShouldContain(d => d.Contains("USING gin") && d.Contains("'fields'") && d.Contains("jsonb_path_ops"), string.Join("\n", definitions));
    }
}
