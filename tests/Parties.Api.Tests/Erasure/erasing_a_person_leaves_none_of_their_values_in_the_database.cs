using System.Text.Json;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Erasure;

/// <summary>
/// A person written through all three dialects (create under an Idempotency-Key, updates of addresses, phones, notes and a
/// personal flex field), then erased: no value of theirs is left in any table of the database, a second person is
/// untouched, every dialect reads the fields empty and the party erased, and every history keeps its entries without values.
/// </summary>
public class erasing_a_person_leaves_none_of_their_values_in_the_database(AppFixture app, ITestOutputHelper output)
    : IClassFixture<AppFixture>
{
    [Fact]
    public async Task a_dump_of_every_table_holds_none_of_the_erased_persons_values_and_all_of_the_others()
    {
        var (org, erased, id) = await Erasures.PersonWrittenAsync(app.Host, "A");
        var kept = new Person("B");
        var other = await Erasures.WriteAsync(app.Host, org, kept);
        await app.Store.CaughtUpAsync();

        var before = await Erasures.DumpAsync(app.ConnectionString);
        erased.Values.Where(v => !before.Contains(v)).ShouldBeEmpty("values the dump lacked before the erasure: the test proves nothing");

        var answer = await Erasures.EraseAsync(app.Host, org.AdminKey, id);
        output.WriteLine(answer.ToString());
        answer.GetProperty("id").GetGuid().ShouldBe(id);
        answer.GetProperty("erased").GetBoolean().ShouldBeTrue();
        answer.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldBe(
            ["name", "first_name", "last_name", "national_code", "mobile", "mobile_e164", "phone", "email", "notes", "custom_fields",
             "addresses", "phones"], ignoreOrder: true);
        answer.GetProperty("events").GetInt32().ShouldBe(4);
        await app.Store.CaughtUpAsync();

        var after = await Erasures.DumpAsync(app.ConnectionString);
        erased.Values.Where(after.Contains).ShouldBeEmpty("values of the erased person still in the database");
        kept.Values.Where(v => !after.Contains(v)).ShouldBeEmpty("values of the other person lost");
        after.ShouldContain("gold");
        output.WriteLine($"dump of {after.Length:N0} characters: none of {erased.Values.Length} values of the erased person, all of the other's");

        var party = await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/");
        party.GetProperty("is_erased").GetBoolean().ShouldBeTrue();
        foreach (var field in new[] { "first_name", "last_name", "national_code", "mobile", "notes" })
            party.GetProperty(field).ValueKind.ShouldBe(JsonValueKind.Null, field);
        party.GetProperty("addresses").GetArrayLength().ShouldBe(0);
        party.GetProperty("phones").GetArrayLength().ShouldBe(0);
        var vendor = (await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendor/{id}")).GetProperty("data");
        vendor.GetProperty("isErased").GetBoolean().ShouldBeTrue();
        vendor.GetProperty("email").ValueKind.ShouldBe(JsonValueKind.Null);
        vendor.GetProperty("customFields").EnumerateObject().Select(p => p.Name).ShouldBe([Erasures.OtherFlexField]);
        var supplier = await Suppliers.GetAsync(app.Host, org, $"/Suppliers/{id}");
        supplier.GetProperty("IsErased").GetBoolean().ShouldBeTrue();
        supplier.GetProperty("Comments").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{other}/")).GetProperty("is_erased").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task every_history_keeps_its_entries_without_values_marked_erased_with_the_erasure_last()
    {
        var (org, person, id) = await Erasures.PersonWrittenAsync(app.Host, "C");
        await Erasures.EraseAsync(app.Host, org.AdminKey, id, reason: "asked by the person");

        var history = (await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/history/")).GetProperty("results");
        history.GetArrayLength().ShouldBe(5);
        var erasure = history[0];
        erasure.GetProperty("action").GetString().ShouldBe("erase");
        erasure.GetProperty("reason").GetString().ShouldBe("asked by the person");
        erasure.GetProperty("user").GetString().ShouldBe("alice");
        erasure.GetProperty("erased").GetBoolean().ShouldBeTrue();
        erasure.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ShouldContain("first_name");
        var creation = history[4];
        creation.GetProperty("erased").GetBoolean().ShouldBeTrue();
        var created = creation.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("new"));
        created.Keys.ShouldContain("first_name", "a masked creation still says which personal fields it set");
        created["first_name"].ValueKind.ShouldBe(JsonValueKind.Null);
        created["number"].ValueKind.ShouldBe(JsonValueKind.String, "what is not personal stays");
        history.ToString().ShouldNotContain(person.FirstName);

        var audit = (await app.Host.GetJsonAsync(org.AdminKey, $"/api/audit/?party={id}")).GetProperty("results");
        audit.GetArrayLength().ShouldBe(5);
        audit[0].GetProperty("action").GetString().ShouldBe("erase");
        audit.EnumerateArray().ShouldAllBe(e => e.GetProperty("erased").GetBoolean());
        var csv = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/audit/?party={id}&format=csv");
            s.WithApiKey(org.AdminKey);
        });
        var rows = csv.ReadAsText();
        rows.Split('\n')[0].Trim().ShouldEndWith("field,old,new,erased,reason");
        rows.ShouldContain("asked by the person");
        person.Values.Where(rows.Contains).ShouldBeEmpty();

        var trail = (await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendor/{id}/audit-trail")).GetProperty("data").GetProperty("auditTrail");
        trail[0].GetProperty("type").GetString().ShouldBe("ERASE");
        trail.EnumerateArray().ShouldAllBe(i => i.GetProperty("erased").GetBoolean());
        person.Values.Where(trail.ToString().Contains).ShouldBeEmpty();

        var feed = (await app.Host.GetJsonAsync(org.AdminKey, "/api/changes/?after=0&include=party")).GetProperty("results");
        feed.GetArrayLength().ShouldBe(5);
        feed[4].GetProperty("type").GetString().ShouldBe("party_erased");
        feed[4].GetProperty("reason").GetString().ShouldBe("asked by the person");
        feed.EnumerateArray().ShouldAllBe(i => i.GetProperty("erased").GetBoolean());
        person.Values.Where(feed.ToString().Contains).ShouldBeEmpty();

        var first = await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/?version=1");
        first.GetProperty("first_name").ValueKind.ShouldBe(JsonValueKind.Null);
        first.GetProperty("is_erased").GetBoolean().ShouldBeTrue("every version of an erased person reads erased");
        var vendorThen = await Vendors.GetAsync(app.Host, org.AdminKey, $"/v1.0/vendor/{id}?version=3");
        person.Values.Where(vendorThen.ToString().Contains).ShouldBeEmpty();
    }

    [Fact]
    public async Task later_writes_are_new_values_and_an_idempotent_replay_gives_back_no_erased_value()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var key = History.IdempotencyCalls.NewKey();
        var body = JsonSerializer.Serialize(new { number = "RETURN-1", party_type = "individual", first_name = "Parisa", last_name = "Karimi", mobile = "09121110000" });
        var created = await History.IdempotencyCalls.SendAsync(app.Host, org.AdminKey, HttpMethod.Post, "/api/parties/", body, key);
        created.Status.ShouldBe(201);
        var id = JsonDocument.Parse(created.Body).RootElement.GetProperty("id").GetGuid();

        await Erasures.EraseAsync(app.Host, org.AdminKey, id);
        var replay = await History.IdempotencyCalls.SendAsync(app.Host, org.AdminKey, HttpMethod.Post, "/api/parties/", body, key);
        replay.Replayed.ShouldBeTrue();
        replay.Body.ShouldNotContain("Parisa");
        replay.Body.ShouldNotContain("09121110000");

        var back = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { first_name = "Parisa", notes = "Back as a customer" }, 200);
        back.GetProperty("first_name").GetString().ShouldBe("Parisa");
        var history = (await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/history/")).GetProperty("results");
        history[0].GetProperty("erased").GetBoolean().ShouldBeFalse("a write after the erasure is new, unerased data");
        history[0].ToString().ShouldContain("Back as a customer");

        // Erasing again takes the new values too, and only those events are rewritten.
        var again = await Erasures.EraseAsync(app.Host, org.AdminKey, id);
        again.GetProperty("events").GetInt32().ShouldBe(1);
        (await Erasures.DumpAsync(app.ConnectionString)).ShouldNotContain("Back as a customer");
    }

    [Fact]
    public async Task only_the_organizations_admins_may_erase_and_a_bad_reason_is_a_400_naming_it()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "ROLE-1", party_type = "individual", first_name = "Reza" });
        var before = await app.CountAsync(org);
        foreach (var key in new[] { org.BookkeeperKey, org.MemberKey })
            (await Erasures.EraseAsync(app.Host, key, id, 403)).GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
        (await Erasures.EraseAsync(app.Host, org.ReadOnlyKey, id, 403)).GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();

        foreach (var reason in new[] { "", "   ", new string('x', 1001) })
            (await Erasures.EraseAsync(app.Host, org.AdminKey, id, 400, reason)).TryGetProperty("reason", out _).ShouldBeTrue();
        (await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Post, $"/api/parties/{id}/erase/", """{"reason": 17}""", 400))
            .TryGetProperty("reason", out _).ShouldBeTrue();
        (await app.Host.SendRawAsync(org.AdminKey, HttpMethod.Post, $"/api/parties/{id}/erase/", "{", 400))
            .TryGetProperty("non_field_errors", out _).ShouldBeTrue();
        (await Erasures.EraseAsync(app.Host, org.AdminKey, Guid.Empty, 404)).GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
        (await app.CountAsync(org)).ShouldBe(before);
        (await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/")).GetProperty("first_name").GetString().ShouldBe("Reza");
    }
}
