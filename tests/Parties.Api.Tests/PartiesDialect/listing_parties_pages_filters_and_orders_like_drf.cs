using Alba;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.PartiesDialect;

public class listing_parties_pages_filters_and_orders_like_drf(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task pages_carry_count_and_absolute_next_and_previous_links()
    {
        var org = await Organizations.CreateAsync(app.Host);
        for (var i = 1; i <= 5; i++)
            await app.Host.CreateAsync(org.AdminKey, new { number = $"N{i}", party_type = "individual", first_name = $"P{i}" });

        var first = await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?page_size=2");
        first.GetProperty("count").GetInt32().ShouldBe(5);
        first.GetProperty("results").Strings("number").ShouldBe(["N1", "N2"]);
        first.GetProperty("previous").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        first.GetProperty("next").GetString().ShouldBe("http://localhost/api/parties/?page_size=2&page=2");

        var second = await app.Host.GetJsonAsync(org.ReadOnlyKey, first.GetProperty("next").GetString()!.Replace("http://localhost", ""));
        second.GetProperty("results").Strings("number").ShouldBe(["N3", "N4"]);
        second.GetProperty("previous").GetString().ShouldBe("http://localhost/api/parties/?page_size=2");
        second.GetProperty("next").GetString().ShouldBe("http://localhost/api/parties/?page_size=2&page=3");

        var last = await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?page_size=2&page=3");
        last.GetProperty("results").Strings("number").ShouldBe(["N5"]);
        last.GetProperty("next").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        last.GetProperty("previous").GetString().ShouldBe("http://localhost/api/parties/?page_size=2&page=2");
    }

    [Fact]
    public async Task the_default_page_size_is_50_and_an_empty_list_is_a_valid_first_page()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var empty = await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/");
        empty.GetProperty("count").GetInt32().ShouldBe(0);
        empty.GetProperty("results").GetArrayLength().ShouldBe(0);

        var items = Enumerable.Range(1, 51).Select(i => new { number = $"{i:000}", party_type = "individual" }).ToArray();
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/bulk/", items, 201);
        var page = await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/");
        page.GetProperty("count").GetInt32().ShouldBe(51);
        page.GetProperty("results").GetArrayLength().ShouldBe(50);
        page.GetProperty("next").GetString().ShouldBe("http://localhost/api/parties/?page=2");
    }

    [Theory]
    [InlineData("page=2")]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("page=-1")]
    public async Task a_page_that_does_not_exist_is_drfs_invalid_page(string query)
    {
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.CreateAsync(org.AdminKey, new { number = "1", party_type = "individual" });
        var body = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?{query}", 404);
        body.GetProperty("detail").GetString().ShouldBe("Invalid page.");
    }

    [Theory]
    [InlineData("page_size=501", "Ensure this value is less than or equal to 500.")]
    [InlineData("page_size=0", "Ensure this value is a positive integer.")]
    [InlineData("page_size=ten", "Ensure this value is a positive integer.")]
    public async Task a_page_size_out_of_bounds_is_a_400_naming_page_size(string query, string message)
    {
        var org = await Organizations.CreateAsync(app.Host);
        var body = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?{query}", 400);
        body.GetProperty("page_size")[0].GetString().ShouldBe(message);
    }

    [Fact]
    public async Task page_size_500_is_allowed()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var body = await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?page_size=500");
        body.GetProperty("count").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task filters_by_role_custom_role_type_sub_type_and_number()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/party-roles/broker", new { name = "Broker" });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/party-sub-types/private_company", new { name = "Private company" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "A", party_type = "individual", role = "customer" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "B", party_type = "organization", role = "vendor_and_customer", sub_type = "private_company" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "C", party_type = "organization", roles = new[] { "vendor", "broker" } });
        await app.Host.CreateAsync(org.AdminKey, new { number = "D", party_type = "individual" });

        async Task<string[]> Numbers(string query) =>
            (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?{query}")).GetProperty("results").Strings("number");

        (await Numbers("role=vendor")).ShouldBe(["B", "C"]);
        (await Numbers("role=customer")).ShouldBe(["A", "B"]);
        (await Numbers("role=broker")).ShouldBe(["C"]);
        (await Numbers("role=vendor_and_customer")).ShouldBe(["B"]);
        (await Numbers("role=none")).ShouldBe(["D"]);
        (await Numbers("party_type=individual")).ShouldBe(["A", "D"]);
        (await Numbers("sub_type=private_company")).ShouldBe(["B"]);
        (await Numbers("number=C")).ShouldBe(["C"]);
        (await Numbers("party_type=organization&role=customer")).ShouldBe(["B"]);
    }

    [Fact]
    public async Task search_is_a_case_insensitive_contains_over_name_number_mobile_and_national_code()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.CreateAsync(org.AdminKey, new { number = "X-100", party_type = "organization", legal_name = "Example Corporation" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "Y-200", party_type = "individual", first_name = "Jane", last_name = "Doe", mobile = "09121001234" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "Z-300", party_type = "individual", first_name = "علی", national_code = "0021234001" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "W-400", party_type = "organization", legal_name = "Percent 100% Back\\Slash" });

        async Task<string[]> Numbers(string search) =>
            (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?search={Uri.EscapeDataString(search)}")).GetProperty("results").Strings("number");

        (await Numbers("ample corp")).ShouldBe(["X-100"]);
        (await Numbers("DOE")).ShouldBe(["Y-200"]);
        (await Numbers("x-1")).ShouldBe(["X-100"]);
        (await Numbers("2100123")).ShouldBe(["Y-200"]);
        (await Numbers("+98912")).ShouldBe(["Y-200"]);
        (await Numbers("212340")).ShouldBe(["Z-300"]);
        (await Numbers("علی")).ShouldBe(["Z-300"]);
        (await Numbers("nobody")).ShouldBeEmpty();
        // LIKE's wildcards and escape are a search's own characters.
        (await Numbers("100% back\\s")).ShouldBe(["W-400"]);
        (await Numbers("t%b")).ShouldBeEmpty();
        (await Numbers("x_1")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_search_finds_its_candidates_through_the_trigram_index()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
        // The condition TextContains adds to a search, which must be the index's own expression to be served by it.
        await using var explain = new NpgsqlCommand($"explain select id from parties.mt_doc_party where {PartySearchIndex.Text} ilike $1",
            connection) { Parameters = { new NpgsqlParameter { Value = PartySearchIndex.ContainsPattern("quill") } } };
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        string.Join("\n", plan).ShouldContain(PartySearchIndex.Name, Case.Sensitive, string.Join("\n", plan));
    }

    [Fact]
    public async Task a_search_pages_in_the_asked_order_with_the_count_of_every_match()
    {
        var org = await Organizations.CreateAsync(app.Host);
        foreach (var n in new[] { 4, 1, 7, 3, 6, 2, 5 })
            await app.Host.CreateAsync(org.AdminKey, new { number = $"Q{n}", party_type = "individual", first_name = "Quillon", notes = $"{n}" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "Q8", party_type = "individual", first_name = "Other" });

        async Task<(int Count, string[] Numbers, string[] Notes)> Page(string query)
        {
            var page = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?search=QUILL&{query}");
            return (page.GetProperty("count").GetInt32(), page.GetProperty("results").Strings("number"), page.GetProperty("results").Strings("notes"));
        }

        var first = await Page("page_size=3&ordering=-number");
        first.Count.ShouldBe(7);
        first.Numbers.ShouldBe(["Q7", "Q6", "Q5"]);
        first.Notes.ShouldBe(["7", "6", "5"], "each result is its own party's document");
        (await Page("page_size=3&ordering=-number&page=2")).Numbers.ShouldBe(["Q4", "Q3", "Q2"]);
        (await Page("page_size=3&ordering=-number&page=3")).Numbers.ShouldBe(["Q1"]);
        (await Page("page_size=3")).Numbers.ShouldBe(["Q1", "Q2", "Q3"]);
    }

    [Fact]
    public async Task modified_since_keeps_parties_changed_at_or_after_the_instant()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var old = await app.Host.CreateIdAsync(org.AdminKey, new { number = "OLD", party_type = "individual" });
        var newModified = (await app.Host.CreateAsync(org.AdminKey, new { number = "NEW", party_type = "individual" }))
            .GetProperty("modified").GetDateTimeOffset();
        var oldModified = (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{old}/")).GetProperty("modified").GetDateTimeOffset();

        // Halfway between the two writes: clear of the database's microsecond rounding.
        var since = (oldModified + (newModified - oldModified) / 2).ToString("O");
        var body = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?modified_since={Uri.EscapeDataString(since)}");
        body.GetProperty("results").Strings("number").ShouldBe(["NEW"]);

        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{old}/", new { notes = "touched" }, 200);
        body = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?modified_since={Uri.EscapeDataString(since)}&ordering=modified");
        body.GetProperty("results").Strings("number").ShouldBe(["NEW", "OLD"]);

        var tehran = oldModified.AddMilliseconds(-1).ToOffset(TimeSpan.FromHours(3.5)).ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz");
        body = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?modified_since={Uri.EscapeDataString(tehran)}");
        body.GetProperty("count").GetInt32().ShouldBe(2);

        var bad = await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?modified_since=yesterday", 400);
        bad.GetProperty("modified_since")[0].GetString().ShouldBe("Enter a valid date/time.");
    }

    [Fact]
    public async Task ordering_by_number_or_modified_either_way_with_number_the_default()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var b = await app.Host.CreateIdAsync(org.AdminKey, new { number = "B", party_type = "individual" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "C", party_type = "individual" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "A", party_type = "individual" });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{b}/", new { notes = "last touched" }, 200);

        async Task<string[]> Numbers(string query) =>
            (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?{query}")).GetProperty("results").Strings("number");

        (await Numbers("")).ShouldBe(["A", "B", "C"]);
        (await Numbers("ordering=number")).ShouldBe(["A", "B", "C"]);
        (await Numbers("ordering=-number")).ShouldBe(["C", "B", "A"]);
        (await Numbers("ordering=modified")).ShouldBe(["C", "A", "B"]);
        (await Numbers("ordering=-modified")).ShouldBe(["B", "A", "C"]);

        var bad = await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?ordering=name", 400);
        bad.GetProperty("ordering")[0].GetString()!.ShouldContain("name");
    }

    [Fact]
    public async Task parties_modified_in_one_write_page_without_gaps_or_repeats()
    {
        var org = await Organizations.CreateAsync(app.Host);
        // One bulk write gives all of them the same modified instant: only the id tiebreaker keeps pages stable.
        var items = Enumerable.Range(1, 7).Select(i => new { number = $"S{i}", party_type = "individual" }).ToArray();
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Post, "/api/parties/bulk/", items, 201);

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
            seen.AddRange((await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/?ordering=-modified&page_size=3&page={page}"))
                .GetProperty("results").Strings("number"));
        seen.Count.ShouldBe(7);
        seen.Distinct().Count().ShouldBe(7);
    }

    [Fact]
    public async Task invalid_filter_values_are_a_400_naming_the_filter()
    {
        var org = await Organizations.CreateAsync(app.Host);
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?party_type=robot", 400)).TryGetProperty("party_type", out _).ShouldBeTrue();
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?is_active=maybe", 400)).TryGetProperty("is_active", out _).ShouldBeTrue();
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?include_inactive=perhaps", 400)).TryGetProperty("include_inactive", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task another_organizations_parties_never_appear_and_the_list_needs_a_key()
    {
        var acme = await Organizations.CreateAsync(app.Host, "Acme");
        var globex = await Organizations.CreateAsync(app.Host, "Globex");
        await app.Host.CreateAsync(acme.AdminKey, new { number = "ACME-1", party_type = "individual" });
        var body = await app.Host.GetJsonAsync(globex.AdminKey, "/api/parties/?number=ACME-1");
        body.GetProperty("count").GetInt32().ShouldBe(0);
        await app.Host.Scenario(s => { s.Get.Url("/api/parties/"); s.StatusCodeShouldBe(401); });
    }
}
