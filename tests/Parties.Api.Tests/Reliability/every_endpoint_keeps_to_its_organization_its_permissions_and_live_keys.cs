using System.Security.Cryptography;
using Alba;
using Marten;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Parties.Tenancy;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

/// <summary>
/// The access matrix (<see cref="AccessMatrix"/>): every endpoint against another organization's rows, a key
/// without <c>write</c>, a revoked key; and how keys are kept. A new endpoint fails the first test until it has a row.
/// </summary>
public class every_endpoint_keeps_to_its_organization_its_permissions_and_live_keys(AppFixture app, ITestOutputHelper output)
    : IClassFixture<AppFixture>
{
    [Fact]
    public void the_matrix_has_a_row_for_every_endpoint_the_app_maps()
    {
        var mapped = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var covered = AccessMatrix.Rows.Select(r => $"{r.Method} {r.Route}").Concat(AccessMatrix.Public).ToHashSet();
        output.WriteLine($"{mapped.Count} endpoints mapped, {AccessMatrix.Rows.Length} in the access matrix, {AccessMatrix.Public.Length} public");
        mapped.Except(covered).Order().ShouldBeEmpty("endpoints without a row in the access matrix");
        covered.Except(mapped).Order().ShouldBeEmpty("matrix rows for endpoints the app does not map");
    }

    [Fact]
    public async Task another_organizations_rows_are_not_found_invisible_or_unknown_on_every_endpoint()
    {
        var world = await WorldAsync();
        var before = await EventsAsync();
        foreach (var row in AccessMatrix.Rows)
        {
            var (status, body) = await SendAsync(row, world, world.Globex.AdminKey);
            var what = $"{row.Method} {row.Route} by another organization answered {status}: {body}";
            switch (row.Cross)
            {
                case CrossOrganization.NotFound:
                    status.ShouldBe(404, what);
                    DialectShapes.Error(row.Dialect, status, body, false).ShouldBeNull(what);
                    break;
                case CrossOrganization.Invisible:
                    status.ShouldBe(200, what);
                    foreach (var id in new[] { world.Party, world.Vendor, world.Supplier, world.ApiKey })
                        body.ShouldNotContain(id.ToString(), Case.Insensitive, what);
                    break;
                case CrossOrganization.AsIfUnknown:
                    var (unknownStatus, unknownBody) = await SendAsync(row, world, world.Globex.AdminKey, unknown: true);
                    (status, Normalize(body, world)).ShouldBe((unknownStatus, Normalize(unknownBody, world)), what);
                    break;
            }
        }
        // Globex's own creations write; nothing of Acme's changed.
        await using var session = app.Store.QuerySession(world.Acme.Id);
        (await session.Events.FetchStreamAsync(world.Party)).Count.ShouldBe(1);
        (await session.Events.FetchStreamAsync(world.Vendor)).Count.ShouldBe(1);
        (await session.Events.FetchStreamAsync(world.Supplier)).Count.ShouldBe(1);
        (await EventsAsync()).ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task a_key_without_write_is_refused_with_403_on_every_write_endpoint_and_writes_nothing()
    {
        var world = await WorldAsync();
        var before = await EventsAsync();
        var writes = AccessMatrix.Rows.Where(r => r.Write).ToArray();
        foreach (var row in writes)
        {
            var (status, body) = await SendAsync(row, world, world.Acme.ReadOnlyKey);
            var what = $"{row.Method} {row.Route} with a read-only key answered {status}: {body}";
            status.ShouldBe(403, what);
            DialectShapes.Error(row.Dialect, status, body, false).ShouldBeNull(what);
        }
        (await EventsAsync()).ShouldBe(before);
        output.WriteLine($"{writes.Length} write endpoints refused a read-only key");
    }

    [Fact]
    public async Task a_revoked_key_is_refused_on_the_very_next_request_to_every_endpoint()
    {
        var world = await WorldAsync();
        var key = await Organizations.AddKeyAsync(app.Host, world.Acme.AdminKey, "alice", "read", "write");
        await app.Host.GetJsonAsync(key, "/api/parties/");
        ApiKey.TryParse(key, out var keyId, out _).ShouldBeTrue();
        await app.Host.Scenario(s => { s.Delete.Url($"/admin/api-keys/{keyId}"); s.WithApiKey(world.Acme.AdminKey); s.StatusCodeShouldBe(204); });

        var before = await EventsAsync();
        foreach (var row in AccessMatrix.Rows)
        {
            var (status, body) = await SendAsync(row, world, key);
            var what = $"{row.Method} {row.Route} with a revoked key answered {status}: {body}";
            // Cin7 Core answers any failed authentication with 403 "Incorrect credentials!".
            status.ShouldBe(row.Dialect == "suppliers" ? 403 : 401, what);
            DialectShapes.Error(row.Dialect, status, body, false).ShouldBeNull(what);
            if (row.Dialect == "suppliers") body.ShouldContain("Incorrect credentials!");
        }
        (await EventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task a_member_is_refused_another_users_vendor_and_does_not_see_another_users_supplier()
    {
        var world = await WorldAsync();
        var member = world.Acme.MemberKey;
        foreach (var row in AccessMatrix.Rows.Where(r => r.Cross == CrossOrganization.NotFound && r.Dialect is "vendors" or "suppliers"))
        {
            var (status, body) = await SendAsync(row, world, member);
            var what = $"{row.Method} {row.Route} by a member not owning it answered {status}: {body}";
            if (row.Dialect == "vendors")
            {
                status.ShouldBe(403, what);
                body.ShouldContain("ACCESS_DENIED", Case.Sensitive, what);
            }
            else status.ShouldBe(404, what);
        }
        var put = await SendAsync(AccessMatrix.Rows.Single(r => r is { Method: "PUT", Route: "/Suppliers/" }), world, member);
        put.Body.ShouldContain(SuppliersErrorsText.NotFound);
    }

    [Fact]
    public async Task api_keys_are_stored_only_as_fixed_length_hashes_of_their_secret()
    {
        var world = await WorldAsync();
        var keys = new[] { world.Acme.AdminKey, world.Acme.BookkeeperKey, world.Acme.MemberKey, world.Acme.ReadOnlyKey, world.Globex.AdminKey };
        await using var database = new NpgsqlConnection(app.ConnectionString);
        await database.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'parties'", database))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        tables.ShouldContain("mt_doc_apikey");

        foreach (var key in keys)
        {
            ApiKey.TryParse(key, out _, out var secret).ShouldBeTrue();
            foreach (var table in tables)
            {
                // Every column of every row as text: the secret is nowhere, in any encoding the row holds it.
                await using var find = new NpgsqlCommand(
                    $"select count(*) from parties.\"{table}\" t where strpos(t::text, @secret) > 0 or strpos(t::text, @hex) > 0", database);
                find.Parameters.AddWithValue("secret", secret);
                find.Parameters.AddWithValue("hex", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret)));
                ((long)(await find.ExecuteScalarAsync())!).ShouldBe(0, $"the secret of a key is in parties.{table}");
            }
        }

        await using var session = app.Platform.QuerySession();
        var stored = await session.Query<ApiKey>().ToListAsync();
        stored.Count.ShouldBeGreaterThanOrEqualTo(keys.Length);
        stored.ShouldAllBe(k => k.SecretHash.Length == SHA256.HashSizeInBytes);
        output.WriteLine($"{tables.Count} tables of schema parties searched for {keys.Length} secrets; {stored.Count} keys stored as {SHA256.HashSizeInBytes}-byte hashes");
    }

    [Fact]
    public void a_key_is_verified_by_comparing_fixed_length_hashes_in_constant_time()
    {
        var organization = new Organization { Id = "org", AccountId = Guid.NewGuid() };
        var (key, text) = ApiKey.Issue(organization, new Reference.User("alice", "Alice", null, Reference.UserRole.Admin), Permissions.All,
            DateTimeOffset.UtcNow);
        ApiKey.TryParse(text, out _, out var secret).ShouldBeTrue();

        key.Matches(secret).ShouldBeTrue();
        key.Matches((secret[0] == 'a' ? 'b' : 'a') + secret[1..]).ShouldBeFalse();
        key.Matches(secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a')).ShouldBeFalse();
        key.Matches(secret[..^1]).ShouldBeFalse();
        key.Matches(secret + "0").ShouldBeFalse();
        key.Matches("").ShouldBeFalse();
        // Whatever is presented is hashed first, so the comparison always runs over the same 32 bytes.
        new[] { "", "a", secret, new string('f', 100_000) }.ShouldAllBe(s => ApiKey.Hash(s).Length == SHA256.HashSizeInBytes);
        File.ReadAllText(Path.Combine(Repository.Root(), "src/Parties/Tenancy/ApiKey.cs"))
            .ShouldContain("CryptographicOperations.FixedTimeEquals(SecretHash, Hash(secret))");
    }

    private static class SuppliersErrorsText
    {
        public const string NotFound = "Supplier with specified id does not exist";
    }

    /// <summary>Acme with a party, a vendor, a supplier, a webhook subscription (each made by its admin) and reference data; Globex, empty.</summary>
    private async Task<AccessWorld> WorldAsync()
    {
        var acme = await Suppliers.OrganizationAsync(app.Host);
        var globex = await Organizations.CreateAsync(app.Host, "Globex");
        var number = $"ACME-{Guid.NewGuid():N}"[..20];
        var party = await app.Host.CreateIdAsync(acme.AdminKey, new { number, party_type = "individual", first_name = "Ada", last_name = "Acme" });
        var vendor = await Vendors.CreateAsync(app.Host, acme.AdminKey, $"Acme Vendor {Guid.NewGuid():N}");
        var supplier = (await Suppliers.CreateOneAsync(app.Host, acme, Suppliers.Valid($"Acme Supplier {Guid.NewGuid():N}")))
            .GetProperty("ID").GetGuid();
        ApiKey.TryParse(acme.BookkeeperKey, out var keyId, out _).ShouldBeTrue();
        var webhook = await app.Host.Scenario(s =>
        {
            s.Post.Json(AccessMatrix.Webhook()).ToUrl("/api/webhooks/");
            s.WithApiKey(acme.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        return new AccessWorld(acme, globex, party, number, vendor, supplier, keyId, (await webhook.JsonAsync()).GetProperty("id").GetGuid());
    }

    private async Task<(int Status, string Body)> SendAsync(AccessRow row, AccessWorld world, string key, bool unknown = false)
    {
        var url = row.Url(world, unknown);
        var body = row.Body?.Invoke(world, unknown);
        var result = await app.Host.Scenario(s =>
        {
            switch (row.Method)
            {
                case "GET": s.Get.Url(url); break;
                case "POST": s.Post.Url(url); break;
                case "PUT": s.Put.Url(url); break;
                case "PATCH": s.Patch.Url(url); break;
                default: s.Delete.Url(url); break;
            }
            if (body is not null) s.RawJson(AccessMatrix.Serialize(body));
            s.WithApiKey(key);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    /// <summary>The answer with the ids and numbers it names blanked out, so two answers compare by their shape and words.</summary>
    private static string Normalize(string body, AccessWorld world) => System.Text.RegularExpressions.Regex.Replace(
        body.Replace(world.PartyNumber, "NUMBER").Replace("NEVER-1", "NUMBER"),
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "ID");

    private async Task<long> EventsAsync()
    {
        await using var database = new NpgsqlConnection(app.ConnectionString);
        await database.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from parties.mt_events", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
