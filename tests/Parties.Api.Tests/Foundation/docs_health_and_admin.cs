using System.Text.Json;
using Alba;
using Marten;
using Parties.Api.Tests.Infrastructure;
using Parties.Reference;
using Parties.Tenancy;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

public class docs_health_and_admin(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task health_endpoints_answer_and_ready_checks_postgresql()
    {
        await app.Host.Scenario(s => { s.Get.Url("/health/live"); s.StatusCodeShouldBeOk(); });
        await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBeOk(); });
    }

    [Fact]
    public async Task the_openapi_document_describes_the_endpoints_and_the_auth_schemes()
    {
        var result = await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        var document = await result.JsonAsync();
        var paths = document.GetProperty("paths");
        var names = string.Join(", ", paths.EnumerateObject().Select(p => p.Name));
        paths.TryGetProperty("/api/parties", out _).ShouldBeTrue(names);
        paths.TryGetProperty("/api/parties/{id}", out _).ShouldBeTrue(names);
        paths.TryGetProperty("/admin/organizations", out _).ShouldBeTrue();
        var components = document.GetProperty("components").GetProperty("schemas");
        string Resolve(JsonElement schema) =>
            (schema.TryGetProperty("$ref", out var reference) ? components.GetProperty(reference.GetString()!.Split('/')[^1]) : schema).ToString();
        string Body(string path, string verb) => Resolve(paths.GetProperty(path).GetProperty(verb).GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        string Response(string path, string verb, string status) => Resolve(paths.GetProperty(path).GetProperty(verb).GetProperty("responses")
            .GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        // Each dialect's schemas use its own property names.
        Body("/api/parties", "post").ShouldContain("\"party_type\"");
        Response("/api/parties", "post", "201").ShouldContain("\"legal_name\"");
        Body("/v1.0/vendor/{vendorId}", "patch").ShouldContain("\"vendorData\"");
        Body("/Suppliers", "post").ShouldContain("\"Suppliers\"");
        Response("/Suppliers/{id}", "get", "200").ShouldContain("\"LastModifiedOn\"");
        Response("/admin/organizations", "post", "201").ShouldContain("\"accountId\"");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.TryGetProperty("ApiKey", out _).ShouldBeTrue();
        schemes.TryGetProperty("Cin7ApplicationKey", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task scalar_is_served_by_the_app_without_a_cdn()
    {
        var page = await app.Host.Scenario(s => s.Get.Url("/scalar/"));
        var html = await page.ReadAsTextAsync();
        html.ShouldNotContain("cdn.jsdelivr.net");
        html.ShouldContain("scalar.js");
        var script = await app.Host.Scenario(s => s.Get.Url("/scalar/scalar.js"));
        (await script.ReadAsTextAsync()).Length.ShouldBeGreaterThan(100_000);
    }

    [Fact]
    public async Task only_the_platform_admin_key_creates_organizations()
    {
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { name = "Acme", admin = new { id = "alice", name = "Alice" } }).ToUrl("/admin/organizations");
            s.StatusCodeShouldBe(401);
        });
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { name = "Acme", admin = new { id = "alice", name = "Alice" } }).ToUrl("/admin/organizations");
            s.WithApiKey("wrong");
            s.StatusCodeShouldBe(401);
        });
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { name = "Evil", admin = new { id = "eve", name = "Eve" } }).ToUrl("/admin/organizations");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public async Task an_organization_gets_an_account_id_and_a_key_stored_only_as_a_hash()
    {
        var org = await Organizations.CreateAsync(app.Host);
        org.AccountId.ShouldNotBe(Guid.Empty);
        await using var session = app.Platform.QuerySession();
        var keys = await session.Query<ApiKey>().Where(k => k.OrganizationId == org.Id).ToListAsync();
        keys.Count.ShouldBe(4);
        var secret = org.AdminKey.Split('_')[2];
        foreach (var key in keys)
        {
            key.SecretHash.Length.ShouldBe(32);
            System.Text.Encoding.UTF8.GetString(key.SecretHash).ShouldNotContain(secret);
        }
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select string_agg(data::text, '') from parties.mt_doc_apikey", connection);
        var raw = (string)(await command.ExecuteScalarAsync())!;
        raw.ShouldNotContain(secret);
        raw.ShouldContain("secretHash");
    }

    [Fact]
    public async Task reference_data_is_kept_by_admins_only_and_read_back()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/flex-fields/tier",
            new { type = "DROPDOWN", options = new[] { new { id = "gold", label = "Gold" } } });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/payment-terms/30 days", new { active = true });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/tax-rules/Purchases", new { forPurchases = true, active = true });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/accounts/2000", new { accountPayable = true, active = true });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/attribute-sets/Main", new { });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/party-sub-types/private_company", new { name = "Private company" });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/party-roles/distributor", new { name = "Distributor" });
        await Organizations.PutAsync(app.Host, org.AdminKey, "/admin/settings", new { plan = "Medium", defaultCountry = "DE" });

        var fields = await (await app.Host.Scenario(s => { s.Get.Url("/admin/flex-fields"); s.WithApiKey(org.AdminKey); })).JsonAsync();
        fields[0].GetProperty("type").GetString().ShouldBe("DROPDOWN");

        await app.Host.Scenario(s =>
        {
            s.Put.Json(new { active = true }).ToUrl("/admin/payment-terms/60 days");
            s.WithApiKey(org.BookkeeperKey);
            s.StatusCodeShouldBe(403);
        });
        await app.Host.Scenario(s =>
        {
            s.Put.Json(new { type = "COLOUR" }).ToUrl("/admin/flex-fields/bad");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(400);
        });

        await using var session = app.Store.QuerySession(org.Id);
        var reference = (await session.LoadAsync<ReferenceData>(ReferenceData.DocumentId))!;
        reference.PaymentTerms.Keys.ShouldBe(["30 days"]);
        reference.PaymentTerms.ContainsKey("30 DAYS").ShouldBeTrue();
        reference.TaxRules.ContainsKey("purchases").ShouldBeTrue();
        reference.Settings.ShouldBe(new OrganizationSettings(Plan.Medium, "DE"));
        reference.Users.Keys.Order().ShouldBe(["alice", "bob", "carol"]);
    }

    [Fact]
    public async Task a_request_id_is_taken_from_the_request_or_made_and_returned()
    {
        var given = await app.Host.Scenario(s => { s.Get.Url("/health/live"); s.WithRequestHeader("X-Request-Id", "abc-123"); });
        given.Context.Response.Headers["X-Request-Id"].ToString().ShouldBe("abc-123");
        var made = await app.Host.Scenario(s => s.Get.Url("/health/live"));
        made.Context.Response.Headers["X-Request-Id"].ToString().Length.ShouldBe(32);
    }
}
