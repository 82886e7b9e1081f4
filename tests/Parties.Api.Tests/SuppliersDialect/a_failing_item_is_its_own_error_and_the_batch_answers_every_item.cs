using System.Text.Json;
using Marten;
using Parties.Api.Tests.History;
using Parties.Api.Tests.Infrastructure;
using Parties.Projections;
using Shouldly;

namespace Parties.Api.Tests.SuppliersDialect;

/// <summary>
/// An item that fails, of whatever kind, is that item's <c>Errors</c> (a fault in the database fails the batch's one
/// transaction, and its items are then written each on its own): the batch still answers 200 with every item, and what
/// the answer says saved is exactly what the database holds. A failing item used to take the whole answer down (500)
/// after the items before it had committed.
/// </summary>
public class a_failing_item_is_its_own_error_and_the_batch_answers_every_item(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, object?> Update(Guid id, string name)
    {
        var supplier = Suppliers.Valid(name);
        supplier["ID"] = id;
        return supplier;
    }

    [Fact]
    public async Task an_item_with_the_empty_id_is_not_found_and_the_update_before_it_is_saved_and_answered()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var alpha = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Alpha"))).GetProperty("ID").GetGuid();

        var answers = await Suppliers.UpdateAsync(app.Host, org, Update(alpha, "Alpha Ltd"), Update(Guid.Empty, "Nobody"));

        answers.GetArrayLength().ShouldBe(2);
        answers[0].GetProperty("OperationStatus").GetString().ShouldBe("succeeded");
        answers[0].GetProperty("Name").GetString().ShouldBe("Alpha Ltd");
        answers[1].GetProperty("OperationStatus").GetString().ShouldBe("failed");
        answers[1].ErrorTexts().ShouldBe(["Supplier with specified id does not exist"]);
        answers[1].GetProperty("ID").GetGuid().ShouldBe(Guid.Empty);

        await app.Store.CaughtUpAsync();
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamAsync(alpha)).Count.ShouldBe(2);
        (await session.Query<AuditEntry>().CountAsync(a => a.PartyId == alpha)).ShouldBe(2);
        var saved = await session.LoadAsync<Party>(alpha);
        (saved!.Version, saved.Data.Name).ShouldBe((2, "Alpha Ltd"));
        (await app.Store.CountAsync(org)).ShouldBe((1, 2));
    }

    public static readonly TheoryData<string, string> Failures = new()
    {
        // A fault of the database that says "never": the item's text is Cin7's unexpected error.
        { "raise exception 'simulated failure'", "An unexpected error occurred." },
        // One that says "not now" (lock_not_available): the item may be sent again later.
        { "raise exception 'simulated lock timeout' using errcode = '55P03'", "Service temporarily unavailable. Retry in 5 seconds." },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task an_item_failing_in_the_database_is_its_own_error_and_the_items_before_and_after_it_are_saved(string raise,
        string text)
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var created = await Suppliers.CreateAsync(app.Host, org, Suppliers.Valid("Alpha"), Suppliers.Valid("Beta"), Suppliers.Valid("Gamma"));
        var ids = created.EnumerateArray().Select(c => c.GetProperty("ID").GetGuid()).ToArray();
        // The database refuses the events of the middle item only, as a fault of its own would.
        await app.ExecuteAsync($"""
            create or replace function parties.refuse_beta() returns trigger language plpgsql as $$
            begin if new.data::text like '%Beta Refused%' then {raise}; end if; return new; end $$;
            create trigger refuse_beta before insert on parties.mt_events for each row execute function parties.refuse_beta();
            """);
        JsonElement answers;
        try
        {
            answers = await Suppliers.UpdateAsync(app.Host, org,
                Update(ids[0], "Alpha Ltd"), Update(ids[1], "Beta Refused"), Update(ids[2], "Gamma Ltd"));
        }
        finally
        {
            await app.ExecuteAsync("drop trigger refuse_beta on parties.mt_events; drop function parties.refuse_beta();");
        }

        answers.EnumerateArray().Select(a => a.GetProperty("OperationStatus").GetString()).ShouldBe(["succeeded", "failed", "succeeded"]);
        answers[1].ErrorTexts().ShouldBe([text]);
        answers[1].GetProperty("Name").GetString().ShouldBe("Beta Refused");
        answers[1].GetProperty("ID").GetGuid().ShouldBe(ids[1]);

        // The database holds exactly what the answer says: a new version of each saved item, nothing of the failed one.
        await app.Store.CaughtUpAsync();
        await using var session = app.Store.QuerySession(org.Id);
        var expected = new[] { ("Alpha Ltd", 2), ("Beta", 1), ("Gamma Ltd", 2) };
        for (var i = 0; i < ids.Length; i++)
        {
            var party = await session.LoadAsync<Party>(ids[i]);
            (party!.Data.Name, party.Version).ShouldBe(expected[i], $"item {i}");
            (await session.Events.FetchStreamAsync(ids[i])).Count.ShouldBe(expected[i].Item2, $"item {i}");
            (await session.Query<AuditEntry>().CountAsync(a => a.PartyId == ids[i])).ShouldBe(expected[i].Item2, $"item {i}");
        }
        (await app.EventCountAsync(org)).ShouldBe(5);
    }

    [Fact]
    public async Task a_failing_item_of_a_create_batch_is_its_own_error_too()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        await app.ExecuteAsync("""
            create or replace function parties.refuse_create() returns trigger language plpgsql as $$
            begin if new.data::text like '%Refused Supplier%' then raise exception 'simulated failure'; end if; return new; end $$;
            create trigger refuse_create before insert on parties.mt_events for each row execute function parties.refuse_create();
            """);
        JsonElement answers;
        try
        {
            answers = await Suppliers.CreateAsync(app.Host, org,
                Suppliers.Valid("Alpha"), Suppliers.Valid("Refused Supplier"), Suppliers.Valid("Gamma"));
        }
        finally
        {
            await app.ExecuteAsync("drop trigger refuse_create on parties.mt_events; drop function parties.refuse_create();");
        }

        answers.EnumerateArray().Select(a => a.GetProperty("OperationStatus").GetString()).ShouldBe(["succeeded", "failed", "succeeded"]);
        answers[1].ErrorTexts().ShouldBe(["An unexpected error occurred."]);
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Query<Party>().ToListAsync()).Select(p => p.Data.Name).Order().ShouldBe(["Alpha", "Gamma"]);
        (await app.EventCountAsync(org)).ShouldBe(2);
    }
}
