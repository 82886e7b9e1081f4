using System.Text.Json;
using Alba;
using Marten;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Duplicates;

public class finding_duplicates_scores_candidates_and_groups_shared_keys(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Organization(string number, string name, string? nationalCode = null, string? economicCode = null,
        string? mobile = null) =>
        new { number, party_type = "organization", legal_name = name, national_code = nationalCode, economic_code = economicCode, mobile };

    private static string[] Reasons(JsonElement result) => [.. result.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];

    [Fact]
    public async Task a_partys_candidates_come_best_first_with_a_score_and_their_reasons()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var other = await Organizations.CreateAsync(app.Host, "Other");
        var me = await app.Host.CreateIdAsync(org.AdminKey, Organization("D1", "Pars Trading Company", "0012345678", "411111", "09121234567"));
        var twin = await app.Host.CreateIdAsync(org.AdminKey, Organization("D2", "Pars Trading Co", "0012345678", "411111"));
        var sameMobile = await app.Host.CreateIdAsync(org.AdminKey, Organization("D3", "Unrelated Ltd", mobile: "+989121234567"));
        var similar = await app.Host.CreateIdAsync(org.AdminKey, Organization("D4", "Pars Trading Company Ltd"));
        await app.Host.CreateIdAsync(org.AdminKey, Organization("D5", "Something Else Entirely"));
        await app.Host.CreateIdAsync(other.AdminKey, Organization("D1", "Pars Trading Company", "0012345678", "411111", "09121234567"));

        var answer = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{me}/duplicates/");

        var results = answer.GetProperty("results").EnumerateArray().ToList();
        answer.GetProperty("count").GetInt32().ShouldBe(3);
        results.Select(r => r.GetProperty("party").GetProperty("id").GetGuid()).ShouldBe([twin, similar, sameMobile]);
        Reasons(results[0]).ShouldBe(["same_national_code", "same_economic_code", "similar_name"]);
        Reasons(results[1]).ShouldBe(["similar_name"]);
        Reasons(results[2]).ShouldBe(["same_mobile"]);
        results.Select(r => r.GetProperty("score").GetDouble()).ShouldAllBe(s => s > 0 && s < 1);
        results[0].GetProperty("party").GetProperty("number").GetString().ShouldBe("D2");
        results[0].GetProperty("party").GetProperty("name").GetString().ShouldBe("Pars Trading Co");
        results[0].GetProperty("party").GetProperty("is_active").GetBoolean().ShouldBeTrue();

        var strict = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{me}/duplicates/?min_score=0.9");
        strict.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("party").GetProperty("id").GetGuid()).ShouldBe([twin]);

        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{me}/duplicates/?min_score=2", 400))
            .GetProperty("min_score")[0].GetString().ShouldBe("Ensure this value is a number from 0 to 1.");
        await app.Host.GetJsonAsync(other.AdminKey, $"/api/parties/{me}/duplicates/", 404);

        // Once merged, the twin is no candidate, and its own id answers where it went.
        await app.Host.MergeAsync(org.AdminKey, me, new { absorb = new[] { twin } });
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{me}/duplicates/")).GetProperty("count").GetInt32().ShouldBe(2);
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{twin}/duplicates/", 410)).GetProperty("merged_into").GetGuid()
            .ShouldBe(me);
    }

    [Fact]
    public async Task a_misspelt_name_is_found_by_a_word_it_shares_and_company_forms_crowd_nothing_out()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var me = await app.Host.CreateIdAsync(org.AdminKey, Organization("T1", "Pars Trading Company"));
        // More parties than one lookup brings, each as similar by trigrams (0.57) through the company form alone.
        await app.Host.Scenario(s =>
        {
            s.Post.Json(Enumerable.Range(1, FindDuplicates.PerLookup + 20).Select(i => Organization($"Z{i}", "Zenith Trading Company"))
                .ToArray()).ToUrl("/api/parties/bulk/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        var misspelt = await app.Host.CreateIdAsync(org.AdminKey, Organization("T2", "Pars Tradng Compnay"));

        var answer = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{me}/duplicates/");

        var results = answer.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("party").GetProperty("id").GetGuid()).ShouldBe([misspelt]);
        Reasons(results[0]).ShouldBe(["similar_name"]);
    }

    [Fact]
    public async Task the_organizations_groups_are_active_parties_sharing_an_exact_key_in_drf_pages()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var a = await app.Host.CreateIdAsync(org.AdminKey, Organization("G1", "Alpha", "1111111111"));
        var b = await app.Host.CreateIdAsync(org.AdminKey, Organization("G2", "Beta", "1111111111"));
        var c = await app.Host.CreateIdAsync(org.AdminKey, Organization("G3", "Alpha", "2222222222"));
        var gone = await app.Host.CreateIdAsync(org.AdminKey, Organization("G4", "Beta", "2222222222"));
        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{gone}/"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBe(204); });
        var first = await Vendors.CreateAsync(app.Host, org.AdminKey, new { name = "Mail One", email = "AP@Shared.test" });
        var second = await Vendors.CreateAsync(app.Host, org.AdminKey, new { name = "Mail Two", email = "ap@shared.test" });

        var all = await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/duplicates/");

        all.GetProperty("count").GetInt32().ShouldBe(3);
        var groups = all.GetProperty("results").EnumerateArray().ToList();
        groups.Select(g => (g.GetProperty("reason").GetString(), g.GetProperty("key").GetString())).ShouldBe(
            [("same_email", "ap@shared.test"), ("same_name", "alpha"), ("same_national_code", "1111111111")]);
        groups[0].GetProperty("parties").Strings("id").ShouldBe(new[] { first, second }.Order().Select(i => i.ToString()).ToArray());
        groups[1].GetProperty("parties").Strings("id").ShouldBe(new[] { a, c }.Order().Select(i => i.ToString()).ToArray());
        groups[2].GetProperty("parties").Strings("id").ShouldBe(new[] { a, b }.Order().Select(i => i.ToString()).ToArray());

        var paged = await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/duplicates/?page=2&page_size=2");
        paged.GetProperty("results").GetArrayLength().ShouldBe(1);
        paged.GetProperty("previous").GetString()!.ShouldContain("page_size=2");
        var national = await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/duplicates/?reason=same_national_code");
        national.GetProperty("count").GetInt32().ShouldBe(1);
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/duplicates/?reason=nope", 400)).GetProperty("reason")[0].GetString()!
            .ShouldStartWith("Select a valid choice. nope is not one of the available choices");
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/duplicates/?page=9", 404)).GetProperty("detail").GetString().ShouldBe("Invalid page.");
    }

    [Fact]
    public async Task every_lookup_of_a_partys_candidates_is_served_by_an_index()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var me = await app.Host.CreateIdAsync(org.AdminKey, Organization("I1", "Index Trading", "0099999999", "4999", "09120000000"));
        await using var session = app.Store.QuerySession(org.Id);
        var party = (await session.LoadAsync<Party>(me))!;
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
        foreach (var key in DuplicateKeys.All.Where(k => k != DuplicateKeys.Name))
        {
            await using var explain = new NpgsqlCommand(
                $"explain select id from parties.mt_doc_party where {key.Expression} = @value", connection);
            explain.Parameters.AddWithValue("value", key.Value(party) ?? "x");
            var plan = string.Join("\n", await ReadAllAsync(explain));
            plan.ShouldContain($"mt_doc_party_idx_dup_{key.Reason["same_".Length..]}", Case.Sensitive, plan);
        }
        var similar = FindDuplicates.SimilarName.Split('?');
        await using var trigram = new NpgsqlCommand(
            $"explain select id from parties.mt_doc_party where {similar[0]}$1{similar[1]}$1{similar[2]}$2{similar[3]}", connection);
        trigram.Parameters.Add(new NpgsqlParameter { Value = NameBlocks.Patterns("index trading") });
        trigram.Parameters.Add(new NpgsqlParameter { Value = "index trading" });
        string.Join("\n", await ReadAllAsync(trigram)).ShouldContain(PartySearchIndex.Name);
    }

    private static async Task<List<string>> ReadAllAsync(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }
}
