using System.Text.Json;
using Parties.Api.Tests.Infrastructure;

namespace Parties.Api.Tests.Reliability;

/// <summary>What an organization holds that another one aims at: a party, a vendor, a supplier, an API key, a webhook subscription.</summary>
public sealed record AccessWorld(TestOrganization Acme, TestOrganization Globex, Guid Party, string PartyNumber, Guid Vendor, Guid Supplier,
    Guid ApiKey, Guid Webhook);

/// <summary>How an endpoint answers a caller of another organization aiming at the target's rows.</summary>
public enum CrossOrganization
{
    /// <summary>The route names an id: 404 in the dialect's shape.</summary>
    NotFound,

    /// <summary>A list or search: the other organization's rows are not in it.</summary>
    Invisible,

    /// <summary>A batch naming rows by number or ID: answered exactly as for a row that never existed.</summary>
    AsIfUnknown,

    /// <summary>Creates, or keeps the caller's own reference data: nothing of another organization is named.</summary>
    OwnOnly,
}

/// <param name="Url">The URL aiming at the given world's rows, or with <c>unknown</c> at a row that never existed.</param>
/// <param name="Body">The valid body, aiming like the URL.</param>
public sealed record AccessRow(string Method, string Route, string Dialect, bool Write, CrossOrganization Cross,
    Func<AccessWorld, bool, string> Url, Func<AccessWorld, bool, object?>? Body = null);

/// <summary>Every endpoint the app maps for callers with an API key, how to call it validly, and what another organization sees.</summary>
public static class AccessMatrix
{
    private static readonly Guid Unknown = Guid.Parse("0193e0a0-0000-7000-8000-000000000001");

    /// <summary>Endpoints that take no organization key: the platform operator's, health and docs.</summary>
    public static readonly string[] Public =
    [
        "POST /admin/organizations", "GET /admin/databases", "POST /admin/databases/{name}/full", "POST /admin/databases/{name}/open",
        "* /health/live", "* /health/ready", "GET /openapi/{documentName}.json", "GET /scalar/{documentName?}",
        "GET /scalar/scalar.js", "GET /scalar/scalar.aspnetcore.js", "GET /scalar/favicon.svg",
    ];

    private static string Id(bool unknown, Guid id) => (unknown ? Unknown : id).ToString();

    private static object Party(string number) => new { number, party_type = "individual", first_name = "Ada", last_name = "Matrix" };

    private static int _unique;
    private static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _unique)}-{Guid.NewGuid():N}"[..24];

    public static readonly AccessRow[] Rows =
    [
        new("GET", "/api/parties/", "parties", false, CrossOrganization.Invisible, (_, _) => "/api/parties/?include_inactive=true"),
        new("POST", "/api/parties/", "parties", true, CrossOrganization.OwnOnly, (_, _) => "/api/parties/", (_, _) => Party(Unique("M"))),
        new("POST", "/api/parties/bulk/", "parties", true, CrossOrganization.OwnOnly, (_, _) => "/api/parties/bulk/",
            (_, _) => new[] { Party(Unique("M")) }),
        new("PUT", "/api/parties/bulk/", "parties", true, CrossOrganization.AsIfUnknown, (_, _) => "/api/parties/bulk/",
            (w, unknown) => new[] { Party(unknown ? "NEVER-1" : w.PartyNumber) }),
        new("PATCH", "/api/parties/bulk/", "parties", true, CrossOrganization.AsIfUnknown, (_, _) => "/api/parties/bulk/",
            (w, unknown) => new[] { new { number = unknown ? "NEVER-1" : w.PartyNumber, notes = "matrix" } }),
        new("GET", "/api/parties/{id:guid}/", "parties", false, CrossOrganization.NotFound, (w, u) => $"/api/parties/{Id(u, w.Party)}/"),
        new("PATCH", "/api/parties/{id:guid}/", "parties", true, CrossOrganization.NotFound, (w, u) => $"/api/parties/{Id(u, w.Party)}/",
            (_, _) => new { notes = "matrix" }),
        new("PUT", "/api/parties/{id:guid}/", "parties", true, CrossOrganization.NotFound, (w, u) => $"/api/parties/{Id(u, w.Party)}/",
            (w, _) => Party(w.PartyNumber)),
        new("DELETE", "/api/parties/{id:guid}/", "parties", true, CrossOrganization.NotFound, (w, u) => $"/api/parties/{Id(u, w.Party)}/"),
        new("GET", "/api/parties/{id:guid}/history/", "parties", false, CrossOrganization.NotFound,
            (w, u) => $"/api/parties/{Id(u, w.Party)}/history/"),
        new("POST", "/api/parties/{id:guid}/erase/", "parties", true, CrossOrganization.NotFound,
            (w, u) => $"/api/parties/{Id(u, w.Party)}/erase/", (_, _) => new { reason = "matrix" }),
        new("GET", "/api/parties/{id:guid}/duplicates/", "parties", false, CrossOrganization.NotFound,
            (w, u) => $"/api/parties/{Id(u, w.Party)}/duplicates/"),
        new("GET", "/api/duplicates/", "parties", false, CrossOrganization.Invisible, (_, _) => "/api/duplicates/?page_size=500"),
        new("POST", "/api/parties/{id:guid}/merge/", "parties", true, CrossOrganization.NotFound,
            (w, u) => $"/api/parties/{Id(u, w.Party)}/merge/", (w, _) => new { absorb = new[] { w.Vendor } }),
        new("POST", "/api/parties/{id:guid}/unmerge/", "parties", true, CrossOrganization.NotFound,
            (w, u) => $"/api/parties/{Id(u, w.Party)}/unmerge/", (w, _) => new { restore = w.Vendor }),
        new("GET", "/api/audit/", "parties", false, CrossOrganization.Invisible, (w, _) => $"/api/audit/?party={w.Party}"),
        new("GET", "/api/changes/", "parties", false, CrossOrganization.Invisible, (_, _) => "/api/changes/?after=0&limit=1000"),
        .. Webhooks(),

        new("POST", "/v1.0/vendor", "vendors", true, CrossOrganization.OwnOnly, (_, _) => "/v1.0/vendor", (_, _) => new { name = Unique("Vendor") }),
        new("GET", "/v1.0/vendors", "vendors", false, CrossOrganization.Invisible, (_, _) => "/v1.0/vendors"),
        new("GET", "/v1.0/vendor/search", "vendors", false, CrossOrganization.Invisible, (_, _) => "/v1.0/vendor/search?name=matrix"),
        new("GET", "/v1.0/vendor/{vendorId}", "vendors", false, CrossOrganization.NotFound, (w, u) => $"/v1.0/vendor/{Id(u, w.Vendor)}"),
        new("PATCH", "/v1.0/vendor/{vendorId}", "vendors", true, CrossOrganization.NotFound, (w, u) => $"/v1.0/vendor/{Id(u, w.Vendor)}",
            (_, _) => new { vendorData = new { email = "matrix@vendor.test" } }),
        new("GET", "/v1.0/vendor/{vendorId}/audit-trail", "vendors", false, CrossOrganization.NotFound,
            (w, u) => $"/v1.0/vendor/{Id(u, w.Vendor)}/audit-trail"),

        new("GET", "/Suppliers/", "suppliers", false, CrossOrganization.Invisible, (_, _) => "/Suppliers?includeDeprecated=true"),
        new("GET", "/Suppliers/{id}", "suppliers", false, CrossOrganization.NotFound, (w, u) => $"/Suppliers/{Id(u, w.Supplier)}"),
        new("POST", "/Suppliers/", "suppliers", true, CrossOrganization.OwnOnly, (_, _) => "/Suppliers",
            (_, _) => new { Suppliers = new[] { SuppliersDialect.Suppliers.Valid(Unique("Supplier")) } }),
        new("PUT", "/Suppliers/", "suppliers", true, CrossOrganization.AsIfUnknown, (_, _) => "/Suppliers", (w, u) =>
        {
            var supplier = SuppliersDialect.Suppliers.Valid("Matrix Supplier");
            supplier["ID"] = Id(u, w.Supplier);
            return new { Suppliers = new[] { supplier } };
        }),

        new("POST", "/admin/users", "admin", true, CrossOrganization.OwnOnly, (_, _) => "/admin/users",
            (_, _) => new { id = Unique("user").ToLowerInvariant(), name = "Matrix User", role = "member" }),
        new("GET", "/admin/users", "admin", false, CrossOrganization.OwnOnly, (_, _) => "/admin/users"),
        new("POST", "/admin/api-keys", "admin", true, CrossOrganization.OwnOnly, (_, _) => "/admin/api-keys",
            (_, _) => new { user = "alice", permissions = new[] { "read" } }),
        new("GET", "/admin/api-keys", "admin", false, CrossOrganization.Invisible, (_, _) => "/admin/api-keys"),
        new("DELETE", "/admin/api-keys/{id:guid}", "admin", true, CrossOrganization.NotFound, (w, u) => $"/admin/api-keys/{Id(u, w.ApiKey)}"),
        .. ReferenceData("flex-fields", new { type = "VARCHAR" }),
        .. ReferenceData("payment-terms", new { active = true }),
        .. ReferenceData("tax-rules", new { forPurchases = true }),
        .. ReferenceData("accounts", new { accountPayable = true }),
        .. ReferenceData("attribute-sets", new { name = "Matrix" }),
        .. ReferenceData("party-sub-types", new { name = "Matrix" }),
        .. ReferenceData("party-roles", new { name = "Matrix" }),
        new("PUT", "/admin/settings", "admin", true, CrossOrganization.OwnOnly, (_, _) => "/admin/settings",
            (_, _) => new { plan = "Large", defaultCountry = "IR" }),
        new("GET", "/admin/settings", "admin", false, CrossOrganization.OwnOnly, (_, _) => "/admin/settings"),
    ];

    /// <summary>An inactive subscription to a public literal address: valid, and never sent to.</summary>
    public static object Webhook() => new { url = "http://203.0.113.10/hooks", events = new[] { "*" }, is_active = false };

    private static AccessRow[] Webhooks() =>
    [
        new("POST", "/api/webhooks/", "parties", true, CrossOrganization.OwnOnly, (_, _) => "/api/webhooks/", (_, _) => Webhook()),
        new("GET", "/api/webhooks/", "parties", false, CrossOrganization.Invisible, (_, _) => "/api/webhooks/"),
        new("GET", "/api/webhooks/{id:guid}/", "parties", false, CrossOrganization.NotFound, (w, u) => $"/api/webhooks/{Id(u, w.Webhook)}/"),
        new("PATCH", "/api/webhooks/{id:guid}/", "parties", true, CrossOrganization.NotFound, (w, u) => $"/api/webhooks/{Id(u, w.Webhook)}/",
            (_, _) => new { description = "matrix" }),
        new("DELETE", "/api/webhooks/{id:guid}/", "parties", true, CrossOrganization.NotFound, (w, u) => $"/api/webhooks/{Id(u, w.Webhook)}/"),
        new("POST", "/api/webhooks/{id:guid}/rotate-secret/", "parties", true, CrossOrganization.NotFound,
            (w, u) => $"/api/webhooks/{Id(u, w.Webhook)}/rotate-secret/", (_, _) => new { }),
        new("GET", "/api/webhooks/{id:guid}/deliveries/", "parties", false, CrossOrganization.NotFound,
            (w, u) => $"/api/webhooks/{Id(u, w.Webhook)}/deliveries/"),
        new("POST", "/api/webhooks/{id:guid}/replay/", "parties", true, CrossOrganization.NotFound,
            (w, u) => $"/api/webhooks/{Id(u, w.Webhook)}/replay/", (_, _) => new { after = 0 }),
    ];

    private static AccessRow[] ReferenceData(string collection, object body) =>
    [
        new("PUT", $"/admin/{collection}/{{key}}", "admin", true, CrossOrganization.OwnOnly, (_, _) => $"/admin/{collection}/matrix", (_, _) => body),
        new("GET", $"/admin/{collection}", "admin", false, CrossOrganization.OwnOnly, (_, _) => $"/admin/{collection}"),
    ];

    public static string Serialize(object? body) => body is null ? "" : JsonSerializer.Serialize(body);
}
