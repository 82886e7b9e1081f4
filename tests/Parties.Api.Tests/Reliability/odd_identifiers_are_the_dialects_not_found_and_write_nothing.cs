using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Parties.Api.Tests.Infrastructure;
using Parties.Api.Tests.PartiesDialect;
using Parties.Api.Tests.SuppliersDialect;
using Parties.Api.Tests.VendorsDialect;
using Shouldly;

namespace Parties.Api.Tests.Reliability;

/// <summary>Acme's rows that Globex aims at, and a vendor of Globex's own (for the ids a body names inside it).</summary>
public sealed record OddIdWorld(TestOrganization Acme, TestOrganization Globex, Guid Party, Guid Vendor, Guid Supplier, Guid ApiKey,
    Guid GlobexVendor, Guid Webhook, Guid GlobexParty);

/// <summary>The app, with the world built once for all the cases of the class.</summary>
public sealed class OddIdApp(TestPostgres postgres) : AppFixture(postgres)
{
    // Acme's webhook points at the loopback's discard port: nothing listens there, and nothing is sent anywhere else.
    protected override IEnumerable<(string Key, string Value)> Settings =>
        base.Settings.Append(("Parties:Webhooks:AllowPrivateTargets", "true"));

    private Task<OddIdWorld>? _world;

    public Task<OddIdWorld> WorldAsync() => _world ??= BuildAsync();

    private async Task<OddIdWorld> BuildAsync()
    {
        var acme = await Suppliers.OrganizationAsync(Host);
        var globex = await Suppliers.OrganizationAsync(Host);
        var party = await Host.CreateIdAsync(acme.AdminKey, new { number = "ACME-1", party_type = "individual", first_name = "Ada", last_name = "Acme" });
        var vendor = await Vendors.CreateAsync(Host, acme.AdminKey, "Acme Vendor");
        var supplier = (await Suppliers.CreateOneAsync(Host, acme, Suppliers.Valid("Acme Supplier"))).GetProperty("ID").GetGuid();
        Parties.Tenancy.ApiKey.TryParse(acme.BookkeeperKey, out var keyId, out _).ShouldBeTrue();
        var globexVendor = await Vendors.CreateAsync(Host, globex.AdminKey, "Globex Vendor");
        var webhook = (await Host.SendAsync(acme.AdminKey, HttpMethod.Post, "/api/webhooks/",
            new { url = "http://127.0.0.1:9/hook", events = new[] { "party.created" } }, 201)).GetProperty("id").GetGuid();
        var globexParty = await Host.CreateIdAsync(globex.AdminKey, new { number = "GLOBEX-1", party_type = "organization", legal_name = "Globex" });
        return new OddIdWorld(acme, globex, party, vendor, supplier, keyId, globexVendor, webhook, globexParty);
    }
}

/// <summary>A request with an identifier put in one position; <paramref name="Path"/> and <paramref name="Query"/> already escaped.</summary>
public sealed record OddIdRequest(string Method, string Path, string Query = "", object? Body = null);

/// <param name="Foreign">The other organization's row of the kind the position names.</param>
/// <param name="Status">The answer the dialect gives for the id: its not-found, or its refusal of a malformed one.</param>
/// <param name="Check">What else the answer must say, or null; returns what is wrong.</param>
public sealed record OddIdRow(string Endpoint, string Dialect, Func<OddIdWorld, Guid> Foreign, Func<OddIdWorld, string, OddIdRequest> Request,
    Func<OddId, int?> Status, Func<OddId, JsonElement, string?>? Check = null, bool InAcme = false)
{
    public override string ToString() => Endpoint;
}

/// <summary>
/// Every identifier position of every endpoint (path, query, body) with the empty Guid, another organization's id in
/// every form .NET parses, an id that never existed, malformed and over-long ones: never a 5xx, the dialect's own
/// not-found (or its refusal of a malformed id) in its shape, and nothing written. The empty Guid answered 500 on
/// every write by id (Marten refuses it as a stream id).
/// </summary>
public partial class odd_identifiers_are_the_dialects_not_found_and_write_nothing(OddIdApp app, ITestOutputHelper output) : IClassFixture<OddIdApp>
{
    private static string Segment(string id) => Uri.EscapeDataString(id);

    private static object Party(string number) => new { number, party_type = "individual", first_name = "Odd", last_name = "Id" };

    private static Dictionary<string, object?> Supplier(string id)
    {
        var supplier = Suppliers.Valid("Odd Supplier");
        supplier["ID"] = id;
        return supplier;
    }

    private static string? NoResults(OddId _, JsonElement body) =>
        body.GetProperty("results").GetArrayLength() == 0 ? null : "another organization's entries are listed";

    /// <summary>A batch answers 200 with the item: not found when its ID reads as a Guid.</summary>
    private static string? SupplierNotFound(OddId _, JsonElement body)
    {
        var item = body.GetProperty("Suppliers")[0];
        return item.GetProperty("OperationStatus").GetString() == "failed" &&
               item.ErrorTexts().Contains("Supplier with specified id does not exist")
            ? null : "the item is not failed with the supplier not found";
    }

    public static readonly OddIdRow[] Rows =
    [
        new("GET /api/parties/{id}/", "parties", w => w.Party, (_, id) => new("GET", $"/api/parties/{Segment(id)}/"), _ => 404),
        new("GET /api/parties/{id}/?version=1", "parties", w => w.Party,
            (_, id) => new("GET", $"/api/parties/{Segment(id)}/", "?version=1"), _ => 404),
        new("GET /api/parties/{id}/?as_of=", "parties", w => w.Party,
            (_, id) => new("GET", $"/api/parties/{Segment(id)}/", "?as_of=2100-01-01T00:00:00Z"), _ => 404),
        new("PUT /api/parties/{id}/", "parties", w => w.Party, (_, id) => new("PUT", $"/api/parties/{Segment(id)}/", Body: Party("ODD-1")), _ => 404),
        new("PATCH /api/parties/{id}/", "parties", w => w.Party,
            (_, id) => new("PATCH", $"/api/parties/{Segment(id)}/", Body: new { notes = "odd" }), _ => 404),
        new("DELETE /api/parties/{id}/", "parties", w => w.Party, (_, id) => new("DELETE", $"/api/parties/{Segment(id)}/"), _ => 404),
        new("GET /api/parties/{id}/history/", "parties", w => w.Party, (_, id) => new("GET", $"/api/parties/{Segment(id)}/history/"), _ => 404),
        new("POST /api/parties/{id}/erase/", "parties", w => w.Party,
            (_, id) => new("POST", $"/api/parties/{Segment(id)}/erase/", Body: new { reason = "odd" }), _ => 404),
        new("GET /api/parties/{id}/duplicates/", "parties", w => w.Party, (_, id) => new("GET", $"/api/parties/{Segment(id)}/duplicates/"),
            _ => 404),
        new("POST /api/parties/{id}/merge/", "parties", w => w.Party,
            (w, id) => new("POST", $"/api/parties/{Segment(id)}/merge/", Body: new { absorb = new[] { w.GlobexVendor } }), _ => 404),
        new("POST /api/parties/{id}/merge/ (absorb)", "parties", w => w.Party,
            (w, id) => new("POST", $"/api/parties/{w.GlobexVendor}/merge/", Body: new { absorb = new[] { id } }), _ => 400),
        new("POST /api/parties/{id}/merge/ (prefer)", "parties", w => w.Party,
            (w, id) => new("POST", $"/api/parties/{w.GlobexVendor}/merge/", Body: new { absorb = new[] { w.GlobexParty }, prefer = new { notes = id } }),
            _ => 400),
        new("POST /api/parties/{id}/unmerge/", "parties", w => w.Party,
            (w, id) => new("POST", $"/api/parties/{Segment(id)}/unmerge/", Body: new { restore = w.GlobexVendor }), _ => 404),
        new("POST /api/parties/{id}/unmerge/ (restore)", "parties", w => w.Party,
            (w, id) => new("POST", $"/api/parties/{w.GlobexVendor}/unmerge/", Body: new { restore = id }), _ => 400),
        new("PUT /api/parties/bulk/ (number)", "parties", _ => Guid.Empty,
            (_, id) => new("PUT", "/api/parties/bulk/", Body: new[] { Party(id) }), _ => 400),
        new("PATCH /api/parties/bulk/ (number)", "parties", _ => Guid.Empty,
            (_, id) => new("PATCH", "/api/parties/bulk/", Body: new[] { new { number = id, notes = "odd" } }), _ => 400),
        new("GET /api/audit/?party=", "parties", w => w.Party, (_, id) => new("GET", "/api/audit/", $"?party={Segment(id)}"),
            id => id.IsGuid ? 200 : 400, (id, body) => id.IsGuid ? NoResults(id, body) : null),
        new("GET /api/audit/?user=", "parties", _ => Guid.Empty, (_, id) => new("GET", "/api/audit/", $"?user={Segment(id)}"), _ => 200, NoResults),
        new("GET /api/audit/?cursor=", "parties", w => w.Party, (_, id) => new("GET", "/api/audit/", $"?cursor={Segment(id)}"), _ => 400),
        new("GET /api/changes/?after=", "parties", w => w.Party, (_, id) => new("GET", "/api/changes/", $"?after={Segment(id)}"),
            id => id.Text.All(char.IsAsciiDigit) ? 200 : 400),

        new("GET /v1.0/vendor/{vendorId}", "vendors", w => w.Vendor, (_, id) => new("GET", $"/v1.0/vendor/{Segment(id)}"),
            id => id.IsGuid ? 404 : 400),
        new("GET /v1.0/vendor/{vendorId}?version=1", "vendors", w => w.Vendor,
            (_, id) => new("GET", $"/v1.0/vendor/{Segment(id)}", "?version=1"), id => id.IsGuid ? 404 : 400),
        new("PATCH /v1.0/vendor/{vendorId}", "vendors", w => w.Vendor,
            (_, id) => new("PATCH", $"/v1.0/vendor/{Segment(id)}", Body: new { vendorData = new { email = "odd@vendor.test" } }),
            id => id.IsGuid ? 404 : 400),
        new("GET /v1.0/vendor/{vendorId}/audit-trail", "vendors", w => w.Vendor,
            (_, id) => new("GET", $"/v1.0/vendor/{Segment(id)}/audit-trail"), id => id.IsGuid ? 404 : 400),
        new("GET /v1.0/vendors?cursor=", "vendors", w => w.Vendor, (_, id) => new("GET", "/v1.0/vendors", $"?cursor={Segment(id)}"), _ => 400),
        new("GET /v1.0/vendors?userId=", "vendors", _ => Guid.Empty, (_, id) => new("GET", "/v1.0/vendors", $"?userId={Segment(id)}"), _ => 200,
            (_, body) => body.GetProperty("data").GetProperty("vendors").GetArrayLength() == 0 ? null : "vendors of an unknown owner are listed"),
        new("PATCH /v1.0/vendor/{vendorId} (owner)", "vendors", _ => Guid.Empty,
            (w, id) => new("PATCH", $"/v1.0/vendor/{w.GlobexVendor}", Body: new { vendorData = new { owner = id } }),
            id => id.Text.Length > 255 ? 400 : 200,
            (id, body) => id.Text.Length > 255 || body.Update("owner").GetProperty("error").GetProperty("code").GetString() == "INVALID_OWNER"
                ? null : "the owner is not refused"),

        new("GET /Suppliers/{id}", "suppliers", w => w.Supplier, (_, id) => new("GET", $"/Suppliers/{Segment(id)}"), _ => 404),
        new("GET /Suppliers/{id}?version=1", "suppliers", w => w.Supplier, (_, id) => new("GET", $"/Suppliers/{Segment(id)}", "?version=1"),
            _ => 404),
        new("PUT /Suppliers (ID)", "suppliers", w => w.Supplier, (_, id) => new("PUT", "/Suppliers", Body: new { Suppliers = new[] { Supplier(id) } }),
            id => id.IsJsonGuid ? 200 : 400, (id, body) => id.IsJsonGuid ? SupplierNotFound(id, body) : null),

        new("GET /api/webhooks/{id}/", "parties", w => w.Webhook, (_, id) => new("GET", $"/api/webhooks/{Segment(id)}/"), _ => 404),
        new("PATCH /api/webhooks/{id}/", "parties", w => w.Webhook,
            (_, id) => new("PATCH", $"/api/webhooks/{Segment(id)}/", Body: new { description = "odd" }), _ => 404),
        new("DELETE /api/webhooks/{id}/", "parties", w => w.Webhook, (_, id) => new("DELETE", $"/api/webhooks/{Segment(id)}/"), _ => 404),
        new("POST /api/webhooks/{id}/rotate-secret/", "parties", w => w.Webhook,
            (_, id) => new("POST", $"/api/webhooks/{Segment(id)}/rotate-secret/"), _ => 404),
        new("GET /api/webhooks/{id}/deliveries/", "parties", w => w.Webhook,
            (_, id) => new("GET", $"/api/webhooks/{Segment(id)}/deliveries/"), _ => 404),
        new("POST /api/webhooks/{id}/replay/", "parties", w => w.Webhook,
            (_, id) => new("POST", $"/api/webhooks/{Segment(id)}/replay/", Body: new { after = 0 }), _ => 404),

        new("DELETE /admin/api-keys/{id}", "admin", w => w.ApiKey, (_, id) => new("DELETE", $"/admin/api-keys/{Segment(id)}"), _ => 404),
        new("POST /admin/api-keys (user)", "admin", _ => Guid.Empty,
            (_, id) => new("POST", "/admin/api-keys", Body: new { user = id, permissions = new[] { "read" } }), _ => 400),
        new("POST /admin/users (id)", "admin", _ => Guid.Empty,
            // In Acme: the users it makes must not become owners that Globex's owner and userId cases rely on being unknown.
            (_, id) => new("POST", "/admin/users", Body: new { id, name = "Odd", role = "member" }), _ => null, InAcme: true),
        .. ReferenceData("flex-fields", new { type = "VARCHAR" }),
        .. ReferenceData("payment-terms", new { active = true }),
        .. ReferenceData("tax-rules", new { forPurchases = true }),
        .. ReferenceData("accounts", new { accountPayable = true }),
        .. ReferenceData("attribute-sets", new { name = "Odd" }),
        .. ReferenceData("party-sub-types", new { name = "Odd" }),
        .. ReferenceData("party-roles", new { name = "Odd" }),
    ];

    /// <summary>A key names the reference data it creates or replaces: an odd one is kept or refused, never a 5xx.</summary>
    private static OddIdRow[] ReferenceData(string collection, object body) =>
    [
        new($"PUT /admin/{collection}/{{key}}", "admin", _ => Guid.Empty,
            (_, id) => new("PUT", $"/admin/{collection}/{Segment(id)}", Body: body), _ => null),
    ];

    [Fact]
    public void every_route_that_names_an_id_has_a_row()
    {
        var routes = AccessMatrix.Rows.Where(r => r.Route.Contains('{'))
            .Select(r => $"{r.Method} {RouteParameter().Replace(r.Route, "{$1}")}").ToArray();
        routes.ShouldNotBeEmpty();
        routes.Where(route => !Rows.Any(r => r.Endpoint == route || r.Endpoint.StartsWith(route + " ") || r.Endpoint.StartsWith(route + "?")))
            .ShouldBeEmpty("routes naming an id without a row here");
    }

    [GeneratedRegex(@"\{(\w+)(:\w+)?\??\}")]
    private static partial Regex RouteParameter();

    public static TheoryData<string> Endpoints => new(Rows.Select(r => r.Endpoint));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task each_identifier_position_answers_its_dialects_not_found_in_shape_and_writes_nothing(string endpoint)
    {
        var row = Rows.Single(r => r.Endpoint == endpoint);
        var world = await app.WorldAsync();
        var failures = new List<string>();
        foreach (var id in OddIdentifiers.For(row.Foreign(world)))
        {
            var request = row.Request(world, id.Text);
            var before = await EventsAsync();
            var (status, text) = await SendAsync(request, row.InAcme ? world.Acme.AdminKey : world.Globex.AdminKey);
            var written = await EventsAsync() - before;
            output.WriteLine($"{id.Name}: {status} {(text.Length > 200 ? text[..200] + "…" : text)}");

            var problem = status >= 500 ? $"a {status}"
                : row.Status(id) is { } expected && status != expected ? $"{status} instead of {expected}"
                : status >= 400 && DialectShapes.Error(row.Dialect, status, text, request.Path.EndsWith("/bulk/")) is { } shape
                    ? $"not in the {row.Dialect} shape: {shape}"
                : written != 0 ? $"{written} events written"
                : row.Check is not null && DialectShapes.TryParse(text, out var json) && row.Check(id, json) is { } wrong ? wrong
                : null;
            if (problem is not null) failures.Add($"{id.Name}: {problem}; answered {status} {(text.Length > 300 ? text[..300] + "…" : text)}");
        }
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    /// <summary>The ids credentials carry: the key's own (<c>pk_&lt;id&gt;_&lt;secret&gt;</c>) and Cin7's account id.</summary>
    [Fact]
    public async Task credentials_naming_odd_ids_are_refused_as_wrong_credentials_in_each_dialect()
    {
        var world = await app.WorldAsync();
        Parties.Tenancy.ApiKey.TryParse(world.Globex.AdminKey, out _, out var secret).ShouldBeTrue();
        var failures = new List<string>();
        foreach (var (dialect, path) in new[] { ("parties", "/api/parties/"), ("vendors", "/v1.0/vendors"), ("suppliers", "/Suppliers") })
        foreach (var id in OddIdentifiers.For(world.ApiKey))
        {
            var (status, text) = await SendAsync(new OddIdRequest("GET", path), $"pk_{id.Text}_{secret}");
            var expected = dialect == "suppliers" ? 403 : 401;
            if (status != expected || DialectShapes.Error(dialect, status, text, false) is not null)
                failures.Add($"{dialect}, a key named by {id.Name}: {status} {text}");
        }
        foreach (var id in OddIdentifiers.For(world.Acme.AccountId))
        {
            var (status, text) = await SendAsync(new OddIdRequest("GET", "/Suppliers"), world.Globex.AdminKey, id.Text);
            if (status != 403 || !text.Contains("Incorrect credentials!")) failures.Add($"suppliers, account id {id.Name}: {status} {text}");
        }
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    private async Task<(int Status, string Body)> SendAsync(OddIdRequest request, string key, string? accountId = null)
    {
        var body = request.Body is null ? null : Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request.Body));
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/");
            s.ConfigureHttpContext(http =>
            {
                http.Request.Method = request.Method;
                http.Request.Path = PathString.FromUriComponent(request.Path);
                http.Request.QueryString = request.Query.Length > 0 ? QueryString.FromUriComponent(request.Query) : QueryString.Empty;
                if (body is not null)
                {
                    http.Request.Body = new MemoryStream(body);
                    http.Request.ContentLength = body.Length;
                    http.Request.ContentType = "application/json";
                }
                if (accountId is null) http.Request.Headers.Authorization = $"Api-Key {key}";
                else
                {
                    http.Request.Headers["api-auth-accountid"] = accountId;
                    http.Request.Headers["api-auth-applicationkey"] = key;
                }
            });
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    private async Task<long> EventsAsync()
    {
        await using var database = new NpgsqlConnection(app.ConnectionString);
        await database.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from parties.mt_events", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
