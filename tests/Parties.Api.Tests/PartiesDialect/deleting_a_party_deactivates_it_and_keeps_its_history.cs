using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Parties.Projections;
using Shouldly;

namespace Parties.Api.Tests.PartiesDialect;

public class deleting_a_party_deactivates_it_and_keeps_its_history(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task delete_answers_204_and_the_party_leaves_the_default_list_but_stays_readable()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "D1", party_type = "individual" });
        await app.Host.CreateAsync(org.AdminKey, new { number = "D2", party_type = "individual" });

        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{id}/"); s.WithApiKey(org.BookkeeperKey); s.StatusCodeShouldBe(204); });

        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/")).GetProperty("results").Strings("number").ShouldBe(["D2"]);
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?is_active=false")).GetProperty("results").Strings("number").ShouldBe(["D1"]);
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?include_inactive=true")).GetProperty("results").Strings("number")
            .ShouldBe(["D1", "D2"]);
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/?is_active=true")).GetProperty("results").Strings("number").ShouldBe(["D2"]);

        var read = await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{id}/");
        read.GetProperty("is_active").GetBoolean().ShouldBeFalse();
        read.GetProperty("version").GetInt32().ShouldBe(2);

        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamAsync(id)).Count.ShouldBe(2);
        var audit = await app.Store.TrailAsync(org.Id, id);
        audit.Select(a => a.Action).ShouldBe([AuditAction.Create, AuditAction.Delete]);
        audit[1].UserId.ShouldBe("bob");
    }

    [Fact]
    public async Task delete_honours_if_match()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "E1", party_type = "individual" });
        await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { notes = "v2" }, 200);

        await app.Host.Scenario(s =>
        {
            s.Delete.Url($"/api/parties/{id}/");
            s.WithApiKey(org.AdminKey);
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(412);
            s.Header("ETag").SingleValueShouldEqual("\"2\"");
        });
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{id}/")).GetProperty("is_active").GetBoolean().ShouldBeTrue();

        await app.Host.Scenario(s =>
        {
            s.Delete.Url($"/api/parties/{id}/");
            s.WithApiKey(org.AdminKey);
            s.WithRequestHeader("If-Match", "\"2\"");
            s.StatusCodeShouldBe(204);
        });
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, $"/api/parties/{id}/")).GetProperty("is_active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task deleting_twice_is_idempotent_and_writes_no_second_event()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "F1", party_type = "individual" });
        for (var i = 0; i < 2; i++)
            await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{id}/"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBe(204); });
        await using var session = app.Store.QuerySession(org.Id);
        (await session.Events.FetchStreamAsync(id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_deactivated_party_is_reactivated_by_writing_is_active_true()
    {
        var org = await Organizations.CreateAsync(app.Host);
        var id = await app.Host.CreateIdAsync(org.AdminKey, new { number = "G1", party_type = "individual" });
        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{id}/"); s.WithApiKey(org.AdminKey); s.StatusCodeShouldBe(204); });

        var body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Patch, $"/api/parties/{id}/", new { is_active = true }, 200);
        body.GetProperty("is_active").GetBoolean().ShouldBeTrue();
        // A full write without is_active leaves it as it is.
        body = await app.Host.SendAsync(org.AdminKey, HttpMethod.Put, $"/api/parties/{id}/", new { number = "G1", party_type = "individual" }, 200);
        body.GetProperty("is_active").GetBoolean().ShouldBeTrue();
        (await app.Host.GetJsonAsync(org.ReadOnlyKey, "/api/parties/")).GetProperty("results").Strings("number").ShouldBe(["G1"]);
    }

    [Fact]
    public async Task delete_of_an_unknown_or_foreign_party_is_404_and_needs_write_permission()
    {
        var acme = await Organizations.CreateAsync(app.Host, "Acme");
        var globex = await Organizations.CreateAsync(app.Host, "Globex");
        var id = await app.Host.CreateIdAsync(acme.AdminKey, new { number = "H1", party_type = "individual" });

        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{id}/"); s.WithApiKey(globex.AdminKey); s.StatusCodeShouldBe(404); });
        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{Guid.NewGuid()}/"); s.WithApiKey(acme.AdminKey); s.StatusCodeShouldBe(404); });
        await app.Host.Scenario(s => { s.Delete.Url($"/api/parties/{id}/"); s.WithApiKey(acme.ReadOnlyKey); s.StatusCodeShouldBe(403); });
        (await app.Host.GetJsonAsync(acme.ReadOnlyKey, $"/api/parties/{id}/")).GetProperty("is_active").GetBoolean().ShouldBeTrue();
    }
}
