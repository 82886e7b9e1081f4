using System.Text.Json;
using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Projections;
using Shouldly;

namespace Parties.Api.Tests.PartiesDialect;

public class deactivation_and_reactivation_are_events_of_their_own(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task delete_records_party_deactivated_and_writing_is_active_true_records_party_reactivated()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "R1", party_type = "individual" });
        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{id}/"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBe(204); });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { is_active = true, notes = "back" }, 200);
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "still here" }, 200);

        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.FetchStreamAsync(id);
        events.Select(e => e.Data.GetType()).ShouldBe(
            [typeof(PartyRegistered), typeof(PartyDeactivated), typeof(PartyReactivated), typeof(PartyChanged)]);
        ((PartyReactivated)events[2].Data).Changes.Select(c => c.Field).ShouldBe(["notes", "active"]);
        var audit = await app.Store.TrailAsync(org.Id, id);
        audit.Select(a => a.Action).ShouldBe([AuditAction.Create, AuditAction.Delete, AuditAction.Update, AuditAction.Update]);
    }

    [Fact]
    public async Task a_supplier_deprecated_and_made_active_again_records_the_same_events()
    {
        var org = await Suppliers.OrganizationAsync(app.Host);
        var id = (await Suppliers.CreateOneAsync(app.Host, org, Suppliers.Valid("Dep Co"))).GetProperty("ID").GetGuid();
        foreach (var status in new[] { "Deprecated", "Active" })
        {
            var item = Suppliers.Valid("Dep Co");
            item["ID"] = id;
            item["Status"] = status;
            (await Suppliers.UpdateAsync(app.Host, org, item))[0].GetProperty("OperationStatus").GetString().ShouldBe("succeeded");
        }

        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamAsync(id)).Select(e => e.Data.GetType())
            .ShouldBe([typeof(PartyRegistered), typeof(PartyDeactivated), typeof(PartyReactivated)]);
    }

    [Fact]
    public async Task a_stream_written_before_the_deactivation_event_existed_projects_as_it_did()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "R3", party_type = "individual", first_name = "Old" });
        // What a DELETE appended before PartyDeactivated: a plain change of the active flag.
        await using (var writer = app.Store.LightweightSession(org.Id))
        {
            var stream = await writer.Events.FetchForWriting<Party>(id);
            stream.AppendOne(new PartyChanged([new FieldChange("active", JsonSerializer.SerializeToElement(true),
                JsonSerializer.SerializeToElement(false))]));
            await writer.SaveChangesAsync();
        }

        var read = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{id}/");
        read.GetProperty("is_active").GetBoolean().ShouldBeFalse();
        read.GetProperty("version").GetInt32().ShouldBe(2);
        await using var session = app.Store.QuerySession(org.Id);
        var audit = await app.Store.TrailAsync(org.Id, id);
        audit.Select(a => a.Action).ShouldBe([AuditAction.Create, AuditAction.Delete]);
        await app.Store.CaughtUpAsync();
        (await session.Query<AuditEntry>().Where(a => a.PartyId == id).CountAsync()).ShouldBe(2);
        var live = await session.Events.AggregateStreamAsync<Party>(id);
        live!.Data.ShouldBe((await session.LoadAsync<Party>(id))!.Data);
    }

    [Fact]
    public async Task a_creation_has_no_old_values_in_the_history_the_audit_query_or_its_csv()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey,
            new { number = "R4", party_type = "organization", legal_name = "New Co", role = "customer", notes = "n" });

        var history = await app.Host.GetJsonAsync(org.AdminKey, $"/api/parties/{id}/history/");
        var created = history.GetProperty("results")[0];
        created.GetProperty("action").GetString().ShouldBe("create");
        var changes = created.GetProperty("changes").EnumerateArray().ToList();
        changes.Select(c => c.GetProperty("field").GetString()).ShouldContain("party_type");
        changes.ShouldAllBe(c => c.GetProperty("old").ValueKind == JsonValueKind.Null);

        var audit = await app.Host.GetJsonAsync(org.AdminKey, $"/api/audit/?party={id}");
        audit.GetProperty("results")[0].GetProperty("changes").EnumerateArray()
            .ShouldAllBe(c => c.GetProperty("old").ValueKind == JsonValueKind.Null);

        var csv = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/audit/?party={id}&format=csv");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBeOk();
        });
        var rows = (await csv.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        rows.ShouldNotBeEmpty();
        // timestamp,party,version,action,user,api_key_id,dialect,request_id,field,old,new,erased,reason
        foreach (var row in rows.Select(r => r.TrimEnd('\r').Split(',')))
        {
            row[3].ShouldBe("create");
            row[9].ShouldBeEmpty();
        }
    }
}
