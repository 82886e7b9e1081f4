using Alba;
using Npgsql;
using Parties.Api.Dialects.Suppliers;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.SuppliersDialect;

public class the_list_total_is_exact_up_to_a_thousand_then_estimated(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task past_the_exact_limit_the_total_is_postgresqls_estimate_and_never_below_what_was_counted_unless_the_index_alone_counts()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        async Task AddAsync(string prefix, int count) => await app.Host.Scenario(s =>
        {
            s.Post.Json(Enumerable.Range(1, count).Select(i => new
            {
                number = $"{prefix}-{i}", party_type = "organization", role = "vendor", legal_name = $"{prefix} Supply {i}",
            }).ToArray()).ToUrl("/api/parties/bulk/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        await AddAsync("Manyco", SupplierTotal.ExactUpTo);
        await AddAsync("Manycox", 5);
        await AddAsync("Fewco", 7);

        async Task<(long Total, int Count)> ListAsync(string query)
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Get.Url($"/Suppliers?{query}");
                s.WithCin7Key(org, org.BookkeeperKey);
            });
            var body = await result.JsonAsync();
            return (body.GetProperty("Total").GetInt64(), body.GetProperty("Suppliers").GetArrayLength());
        }

        (await ListAsync("name=fewco&limit=5")).ShouldBe((7L, 5));
        // modifiedSince is a field of the document: each counted row is a visit to it, so past 1,000 the total is estimated.
        var many = await ListAsync("name=manyco&limit=10&modifiedSince=2000-01-01T00:00:00Z");
        many.Count.ShouldBe(10);
        many.Total.ShouldBeGreaterThan(SupplierTotal.ExactUpTo);
        // The same suppliers counted from their index alone: exact well past 1,000.
        (await ListAsync("name=manyco&limit=10")).ShouldBe((SupplierTotal.ExactUpTo + 5L, 10));
    }

    [Fact]
    public async Task the_active_suppliers_of_a_name_prefix_are_counted_from_their_index_alone()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        await app.Host.Scenario(s =>
        {
            s.Post.Json(Enumerable.Range(1, 20).Select(i => new
            {
                number = $"IO-{i}", party_type = "organization", role = "vendor", legal_name = $"Onlyindex Supply {i}",
            }).ToArray()).ToUrl("/api/parties/bulk/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        await using var session = app.Store.QuerySession(org.Id);
        await using var count = SupplierTotal.BoundedCount(
            ReadSuppliers.Matching(session, new VendorCaller("bookkeeper", SeesAll: true), includeDeprecated: false, "onlyindex", null),
            SupplierTotal.ExactFromIndexUpTo);
        ReadSuppliers.CountsFromIndexAlone(new VendorCaller("bookkeeper", SeesAll: true), includeDeprecated: false, null).ShouldBeTrue();

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        // An index-only scan is possible only when the query names no column outside the index (the visibility map, which
        // autovacuum keeps, then decides how many table pages it still visits).
        foreach (var setup in new[] { "vacuum (analyze) parties.mt_doc_party", "set enable_seqscan = off", "set enable_bitmapscan = off" })
        {
            await using var command = new NpgsqlCommand(setup, connection);
            await command.ExecuteNonQueryAsync();
        }
        count.CommandText = $"explain (analyze, costs off) {count.CommandText}";
        count.Connection = connection;
        var plan = new List<string>();
        await using (var reader = await count.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        var text = string.Join("\n", plan);
        text.ShouldContain($"Index Only Scan using {ActiveVendorNames.IndexName}", Case.Sensitive, text);
    }
}
