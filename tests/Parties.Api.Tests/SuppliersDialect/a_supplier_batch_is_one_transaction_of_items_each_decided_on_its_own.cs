using Marten;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.SuppliersDialect;

/// <summary>
/// A batch is written in one transaction, but each item is still decided on its own: a refused item is its own error and
/// the others are written beside it, and a later item sees what an earlier one took as if that one were already stored.
/// </summary>
public class a_supplier_batch_is_one_transaction_of_items_each_decided_on_its_own(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, object?> Update(Guid id, string name)
    {
        var supplier = Suppliers.Valid(name);
        supplier["ID"] = id;
        return supplier;
    }

    [Fact]
    public async Task a_later_item_taking_an_earlier_items_name_is_refused_as_if_the_earlier_were_stored_and_is_not_written()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);

        var answers = await Suppliers.CreateAsync(app.Host, org, Suppliers.Valid("Acme"), Suppliers.Valid("Beta"), Suppliers.Valid("ACME"));

        answers.EnumerateArray().Select(a => a.GetProperty("OperationStatus").GetString()).ShouldBe(["succeeded", "succeeded", "failed"]);
        answers[2].ErrorTexts().ShouldBe(["Supplier with name 'ACME' already exists"]);
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Query<Party>().ToListAsync()).Select(p => p.Data.Name).Order().ShouldBe(["Acme", "Beta"]);
        (await app.Store.CountAsync(org)).ShouldBe((2, 2));
    }

    [Fact]
    public async Task a_refused_item_leaves_the_items_around_it_written_together_in_one_transaction()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Taken"));

        var answers = await Suppliers.CreateAsync(app.Host, org, Suppliers.Valid("First"), Suppliers.Valid("taken"), Suppliers.Valid("Third"));

        answers.EnumerateArray().Select(a => a.GetProperty("OperationStatus").GetString()).ShouldBe(["succeeded", "failed", "succeeded"]);
        answers[1].ErrorTexts().ShouldBe(["Supplier with name 'taken' already exists"]);
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Query<Party>().ToListAsync()).Select(p => p.Data.Name).Order().ShouldBe(["First", "Taken", "Third"]);
        (await TransactionsOfEventsAsync(org, "First", "Third")).ShouldBe(1);
    }

    [Fact]
    public async Task an_update_batch_frees_a_name_for_a_later_item_and_refuses_one_an_earlier_item_took()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var created = await Suppliers.CreateAsync(app.Host, org, Suppliers.Valid("Alpha"), Suppliers.Valid("Beta"), Suppliers.Valid("Delta"));
        var ids = created.EnumerateArray().Select(c => c.GetProperty("ID").GetGuid()).ToArray();

        var answers = await Suppliers.UpdateAsync(app.Host, org,
            Update(ids[0], "Gamma"), Update(ids[1], "Alpha"), Update(ids[2], "gamma"), Update(ids[2], "Delta Ltd"));

        answers.EnumerateArray().Select(a => a.GetProperty("OperationStatus").GetString())
            .ShouldBe(["succeeded", "succeeded", "failed", "succeeded"]);
        answers[2].ErrorTexts().ShouldBe(["Supplier with name 'gamma' already exists"]);
        answers[3].GetProperty("Name").GetString().ShouldBe("Delta Ltd");
        await using var session = app.Store.QuerySession(org.Id);
        var saved = await session.LoadManyAsync<Party>(ids);
        saved.OrderBy(p => Array.IndexOf(ids, p.Id)).Select(p => (p.Data.Name, p.Version))
            .ShouldBe([("Gamma", 2), ("Alpha", 2), ("Delta Ltd", 2)]);
    }

    [Fact]
    public async Task an_update_batch_of_100_writes_its_good_items_and_leaves_its_refused_ones_as_they_were()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var created = await Suppliers.CreateAsync(app.Host, org, [.. Enumerable.Range(0, 100).Select(i => Suppliers.Valid($"Supplier {i:000}"))]);
        var ids = created.EnumerateArray().Select(c => c.GetProperty("ID").GetGuid()).ToArray();
        var updates = ids.Select((id, i) =>
        {
            var item = Update(id, $"Renamed {i:000}");
            if (i % 10 == 3) item["TaxRule"] = "SalesOnly";
            return item;
        }).ToArray();

        var answers = await Suppliers.UpdateAsync(app.Host, org, updates);

        for (var i = 0; i < 100; i++)
            answers[i].GetProperty("OperationStatus").GetString().ShouldBe(i % 10 == 3 ? "failed" : "succeeded", $"item {i}");
        await using var session = app.Store.QuerySession(org.Id);
        var saved = (await session.LoadManyAsync<Party>(ids)).ToDictionary(p => p.Id);
        for (var i = 0; i < 100; i++)
            (saved[ids[i]].Data.Name, saved[ids[i]].Version).ShouldBe(i % 10 == 3 ? ($"Supplier {i:000}", 1) : ($"Renamed {i:000}", 2), $"item {i}");
        (await app.Store.CountAsync(org)).ShouldBe((100, 190));
    }

    [Fact]
    public async Task concurrent_batches_taking_one_name_give_it_to_one_item_and_write_every_other_item()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);

        var batches = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Suppliers.CreateAsync(app.Host, org, Suppliers.Valid($"Own {i}"), Suppliers.Valid("Shared"))));

        batches.ShouldAllBe(b => b[0].GetProperty("OperationStatus").GetString() == "succeeded");
        batches.Count(b => b[1].GetProperty("OperationStatus").GetString() == "succeeded").ShouldBe(1);
        batches.Where(b => b[1].GetProperty("OperationStatus").GetString() == "failed")
            .ShouldAllBe(b => b[1].ErrorTexts().SequenceEqual(new[] { "Supplier with name 'Shared' already exists" }));
        (await app.Store.CountAsync(org)).ShouldBe((7, 7));
    }

    /// <summary>How many transactions wrote the events of the parties with these names.</summary>
    private async Task<long> TransactionsOfEventsAsync(TestOrganization org, params string[] names)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(distinct xmin::text) from parties.mt_events where tenant_id = @tenant " +
            "and data -> 'data' ->> 'name' = any(@names)", connection);
        command.Parameters.AddWithValue("tenant", org.Id);
        command.Parameters.AddWithValue("names", names);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
