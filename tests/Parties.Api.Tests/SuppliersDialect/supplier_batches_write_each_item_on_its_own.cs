using System.Text.Json;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.SuppliersDialect;

public class supplier_batches_write_each_item_on_its_own(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task a_batch_of_100_saves_the_good_items_and_nothing_of_the_bad_ones()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var items = Enumerable.Range(0, 100).Select(i =>
        {
            var item = Suppliers.Valid($"Supplier {i:000}");
            if (i % 5 == 1) item["Currency"] = "XYZ";
            if (i % 5 == 3) item["Name"] = new string('n', 257);
            if (i % 10 == 7) item["Addresses"] = new[] { Suppliers.Address(type: "Home") };
            return item;
        }).ToArray();
        var good = Enumerable.Range(0, 100).Where(i => i % 5 is not (1 or 3) && i % 10 != 7).ToArray();

        var answers = await Suppliers.CreateAsync(app.Host, org, items);
        answers.GetArrayLength().ShouldBe(100);
        for (var i = 0; i < 100; i++)
        {
            var answer = answers[i];
            var succeeded = good.Contains(i);
            answer.GetProperty("OperationStatus").GetString().ShouldBe(succeeded ? "succeeded" : "failed", $"item {i}");
            answer.GetProperty("Errors").GetArrayLength().ShouldBe(succeeded ? 0 : 1, $"item {i}: {answer}");
            answer.GetProperty("Name").GetString().ShouldBe((string)items[i]["Name"]!);
            if (succeeded) answer.GetProperty("ID").GetGuid().ShouldNotBe(Guid.Empty);
        }

        (await app.Store.CountAsync(org)).ShouldBe((good.Length, good.Length));
        await using var session = app.Store.QuerySession(org.Id);
        var names = (await session.Query<Party>().ToListAsync()).Select(p => p.Data.Name);
        names.Order().ShouldBe(good.Select(i => $"Supplier {i:000}"));
        await app.Store.CaughtUpAsync();
        (await session.Query<Parties.Projections.AuditEntry>().CountAsync()).ShouldBe(good.Length);
    }

    [Fact]
    public async Task a_batch_of_101_is_refused_as_a_whole_and_writes_nothing()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var items = Enumerable.Range(0, 101).Select(i => Suppliers.Valid($"Supplier {i}")).ToArray();
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put })
        {
            var refused = await Suppliers.WriteAsync(app.Host, org, method, items, 400);
            refused[0].GetProperty("ErrorCode").GetInt32().ShouldBe(400);
            refused[0].GetProperty("Exception").GetString()!.ShouldStartWith("Suppliers: Up to 100 Suppliers");
        }
        (await app.Store.CountAsync(org)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task an_update_batch_reports_unknown_ids_missing_ids_and_rule_errors_per_item()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var created = await Suppliers.CreateAsync(app.Host, org, Suppliers.Valid("First"), Suppliers.Valid("Second"));
        var first = created[0].GetProperty("ID").GetGuid();
        var second = created[1].GetProperty("ID").GetGuid();

        var renamed = Suppliers.Valid("First Renamed");
        renamed["ID"] = first;
        var unknown = Suppliers.Valid(new string('n', 257));
        unknown["ID"] = Guid.NewGuid();
        var noId = Suppliers.Valid("No Id");
        var broken = Suppliers.Valid("Second");
        broken["ID"] = second;
        broken["TaxRule"] = "SalesOnly";

        var answers = await Suppliers.UpdateAsync(app.Host, org, renamed, unknown, noId, broken, null);
        answers[0].GetProperty("OperationStatus").GetString().ShouldBe("succeeded");
        answers[0].GetProperty("Name").GetString().ShouldBe("First Renamed");
        answers[1].ErrorTexts().ShouldBe(["Supplier with specified id does not exist", "Supplier name cannot be longer than 256 characters"]);
        answers[1].GetProperty("ID").GetGuid().ShouldBe((Guid)unknown["ID"]!);
        answers[2].ErrorTexts().ShouldBe(["Supplier ID is required"]);
        answers[3].ErrorTexts().ShouldBe(["Tax rule 'SalesOnly' not found or not for purchases"]);
        answers[4].ErrorTexts().ShouldBe(["Supplier is empty"]);
        answers.EnumerateArray().Skip(1).ShouldAllBe(a => a.GetProperty("OperationStatus").GetString() == "failed");

        await using var session = app.Store.QuerySession(org.Id);
        (await session.LoadAsync<Party>(first))!.Version.ShouldBe(2);
        (await session.LoadAsync<Party>(second))!.Version.ShouldBe(1);
        (await app.Store.CountAsync(org)).ShouldBe((2, 3));
    }

    [Fact]
    public async Task an_empty_batch_answers_an_empty_list_and_a_null_item_fails_alone()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        (await Suppliers.CreateAsync(app.Host, org)).GetArrayLength().ShouldBe(0);
        var answers = await Suppliers.CreateAsync(app.Host, org, null, Suppliers.Valid("After The Null"));
        answers[0].ErrorTexts().ShouldBe(["Supplier is empty"]);
        answers[1].GetProperty("OperationStatus").GetString().ShouldBe("succeeded");
        (await app.Store.CountAsync(org)).ShouldBe((1, 1));
    }

    [Fact]
    public async Task a_supplier_read_back_can_be_put_back_unchanged_without_a_new_event()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var supplier = Suppliers.Valid("Round Trip");
        supplier["Addresses"] = new[] { Suppliers.Address(), Suppliers.Address("2 Dock", "Business", false) };
        supplier["Contacts"] = new[] { Suppliers.Contact() };
        supplier["AttributeSet"] = Suppliers.AttributeSet;
        supplier["AdditionalAttribute2"] = "two";
        var id = (await Suppliers.CreateOneAsync(app.Host, org, supplier)).GetProperty("ID").GetGuid();

        var read = await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}");
        var answer = (await Suppliers.UpdateAsync(app.Host, org, JsonSerializer.Deserialize<Dictionary<string, object?>>(read.GetRawText())))[0];
        answer.GetProperty("OperationStatus").GetString().ShouldBe("succeeded", answer.ToString());

        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamAsync(id)).Count.ShouldBe(1);
    }
}
