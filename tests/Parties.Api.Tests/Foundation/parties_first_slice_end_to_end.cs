using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

public class parties_first_slice_end_to_end(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task created_party_reads_back_with_an_etag_and_its_event_carries_who_which_key_and_dialect()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var created = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number = "1001", party_type = "individual", first_name = "Jane", last_name = "Doe", role = "vendor_and_customer" })
                .ToUrl("/api/parties/");
            s.WithApiKey(org.BookkeeperKey);
            s.WithRequestHeader("X-Request-Id", "req-create-1001");
            s.StatusCodeShouldBe(201);
            s.Header("ETag").SingleValueShouldEqual("\"1\"");
        });
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        body.GetProperty("role").GetString().ShouldBe("customer_and_vendor");
        body.GetProperty("first_name").GetString().ShouldBe("Jane");

        var read = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/parties/{id}/");
            s.WithApiKey(org.ReadOnlyKey);
            s.Header("ETag").SingleValueShouldEqual("\"1\"");
        });
        (await read.JsonAsync()).GetProperty("number").GetString().ShouldBe("1001");

        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.FetchStreamAsync(id);
        var registered = events.ShouldHaveSingleItem();
        registered.Data.ShouldBeOfType<PartyRegistered>();
        registered.UserName.ShouldBe("bob");
        registered.CorrelationId.ShouldBe("req-create-1001");
        registered.GetHeader("dialect").ShouldNotBeNull().ToString().ShouldBe("parties");
        registered.GetHeader("apiKeyId").ShouldNotBeNull().ToString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task patch_changes_only_the_fields_sent_and_records_old_and_new_values()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await CreateAsync(org, "2001");

        var patched = await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { notes = "VIP customer", mobile = "09121001234" }).ToUrl($"/api/parties/{id}/");
            s.WithApiKey(org.AdminKey);
            s.Header("ETag").SingleValueShouldEqual("\"2\"");
        });
        var body = await patched.JsonAsync();
        body.GetProperty("notes").GetString().ShouldBe("VIP customer");
        body.GetProperty("legal_name").GetString().ShouldBe("Example Corp");

        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.FetchStreamAsync(id);
        events.Count.ShouldBe(2);
        var changed = events[1].Data.ShouldBeOfType<PartyChanged>();
        changed.Changes.Select(c => c.Field).ShouldBe(["mobile", "mobileE164", "notes"]);
        changed.Changes.Single(c => c.Field == "mobileE164").After!.Value.GetString().ShouldBe("+989121001234");
        changed.Changes.Single(c => c.Field == "notes").Before.ShouldBeNull();
        events[1].UserName.ShouldBe("alice");

        var audit = await app.Store.TrailAsync(org.Id, id);
        audit.Select(a => a.Action).ShouldBe([Parties.Projections.AuditAction.Create, Parties.Projections.AuditAction.Update]);
        audit[1].Changes.Select(c => c.Field).ShouldBe(["mobile", "mobileE164", "notes"]);
        audit[1].UserId.ShouldBe("alice");
        audit[1].Dialect.ShouldBe("parties");
        audit[1].Timestamp.ShouldBe(events[1].Timestamp, TimeSpan.FromSeconds(1));
        audit[1].Timestamp.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        audit[1].Version.ShouldBe(2);
    }

    [Fact]
    public async Task a_stale_if_match_is_refused_with_412_and_nothing_is_written()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await CreateAsync(org, "3001");
        await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { notes = "first" }).ToUrl($"/api/parties/{id}/");
            s.WithApiKey(org.AdminKey);
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
        });
        await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { notes = "second" }).ToUrl($"/api/parties/{id}/");
            s.WithApiKey(org.AdminKey);
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(412);
        });
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamStateAsync(id))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task concurrent_writers_without_if_match_all_land()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await CreateAsync(org, "4001");
        var writes = Enumerable.Range(0, 12).Select(i => app.Host.Scenario(s =>
        {
            s.Patch.Json(i % 2 == 0 ? new { notes = $"note {i}" } : (object)new { mobile = $"0912100{i:0000}" }).ToUrl($"/api/parties/{id}/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(200);
        }));
        await Task.WhenAll(writes);
        await using var session = app.Store.QuerySession(org.Id);
        var events = await session.Events.FetchStreamAsync(id);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, events.Count).Select(v => (long)v));
        events.Count.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task another_organizations_party_does_not_exist_for_the_caller()
    {
        var acme = await Organizations.CreateAsync(app.Host, "Acme");
        var globex = await Organizations.CreateAsync(app.Host, "Globex");
        var id = await CreateAsync(acme, "5001");
        await app.Host.Scenario(s => { s.Get.Url($"/api/parties/{id}/"); s.WithApiKey(globex.AdminKey); s.StatusCodeShouldBe(404); });
        await app.Host.Scenario(s =>
        {
            s.Patch.Json(new { notes = "x" }).ToUrl($"/api/parties/{id}/");
            s.WithApiKey(globex.AdminKey);
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task keys_are_checked_read_only_revoked_unknown_and_missing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number = "6001", party_type = "individual" }).ToUrl("/api/parties/");
            s.WithApiKey(org.ReadOnlyKey);
            s.StatusCodeShouldBe(403);
        });
        await app.Host.Scenario(s => { s.Get.Url($"/api/parties/{Guid.NewGuid()}/"); s.StatusCodeShouldBe(401); });
        await app.Host.Scenario(s => { s.Get.Url($"/api/parties/{Guid.NewGuid()}/"); s.WithApiKey("pk_nope"); s.StatusCodeShouldBe(401); });

        var key = await Organizations.AddKeyAsync(app.Host, org.AdminKey, "bob", "read");
        var keyId = key.Split('_')[1];
        await app.Host.Scenario(s => { s.Delete.Url($"/admin/api-keys/{keyId}"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBe(204); });
        await app.Host.Scenario(s => { s.Get.Url($"/api/parties/{Guid.NewGuid()}/"); s.WithApiKey(key); s.StatusCodeShouldBe(401); });
    }

    [Fact]
    public async Task bad_input_is_a_400_naming_the_field_and_writes_nothing()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var malformed = await app.Host.Scenario(s =>
        {
            s.Post.Url("/api/parties/");
            s.RawJson("{\"number\": 12, \"party_type\": \"individual\"}");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });
        var malformedBody = await malformed.JsonAsync();
        malformedBody.TryGetProperty("number", out _).ShouldBeTrue(malformedBody.ToString());

        var wrongType = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number = "7001", party_type = "individual", legal_name = "Not For Individuals" }).ToUrl("/api/parties/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });
        (await wrongType.JsonAsync()).GetProperty("legal_name")[0].GetString()!.ShouldContain("not allowed");

        await using var session = app.Store.QuerySession(org.Id);
        (await session.Query<Party>().CountAsync()).ShouldBe(0);
    }

    private async Task<Guid> CreateAsync(TestOrganization org, string number)
    {
        var created = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number, party_type = "organization", legal_name = "Example Corp" }).ToUrl("/api/parties/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        return (await created.JsonAsync()).GetProperty("id").GetGuid();
    }
}
