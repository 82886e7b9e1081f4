using System.Text.RegularExpressions;
using Marten;
using Parties.Api.Auth;
using Parties.Api.Hosting;
using Parties.Reference;
using Parties.Tenancy;

namespace Parties.Api.Admin;

/// <summary>
/// Organizations (platform operator key only), and each organization's users, API keys and reference
/// data (an organization admin's key).
/// </summary>
public static partial class AdminApi
{
    private static readonly AdminErrors Errors = AdminErrors.Instance;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin")
            .WithApiTag("Admin", "Organizations (the platform operator's key), and each organization's users, API keys, " +
                "reference data and settings (an organization admin's key). Errors are RFC 9457 problem details.")
            .WithMetadata(Errors)
            .RequireRateLimiting(RateLimits.PerKey)
            .RefuseNullCharacters();
        admin.MapPost("/organizations", CreateOrganization)
            .WithName("admin_create_organization")
            .WithSummary("Create an organization")
            .WithDescription("With the platform operator's key (Parties:AdminKey): a new organization with its accountId, " +
                "its first admin user and that user's API key, whose text is shown only in this answer. It is placed on " +
                "the given database, or else on the open database holding the fewest organizations.")
            .Produces<OrganizationCreated>(201)
            .ProducesValidationProblem();
        admin.MapDatabases();

        var org = admin.MapGroup("");
        org.MapPost("/users", CreateUser)
            .WithName("admin_create_user")
            .WithSummary("Add a user")
            .WithDescription("A user of the organization with a slug id, a name, an optional email and a role (admin, " +
                "bookkeeper or member). Organization admins only.")
            .RequireCaller(Errors, Permissions.Write);
        org.MapGet("/users", (HttpContext http, IDocumentStore store) => List(http, store, r => r.Users.Values))
            .WithName("admin_list_users")
            .WithSummary("List the users")
            .WithDescription("The organization's users with their roles. Organization admins only.")
            .RequireCaller(Errors, Permissions.Read);
        org.MapPost("/api-keys", CreateApiKey)
            .WithName("admin_create_api_key")
            .WithSummary("Issue an API key")
            .WithDescription("A key for one of the organization's users with read and/or write permission; its text is " +
                "shown only in this answer and kept only as a hash. Organization admins only.")
            .RequireCaller(Errors, Permissions.Write)
            .Produces<ApiKeyCreated>(201)
            .ProducesValidationProblem();
        org.MapGet("/api-keys", ListApiKeys)
            .WithName("admin_list_api_keys")
            .WithSummary("List the API keys")
            .WithDescription("The organization's keys (never their text), with their user, permissions and when they were " +
                "created and revoked. Organization admins only.")
            .RequireCaller(Errors, Permissions.Read);
        org.MapDelete("/api-keys/{id:guid}", RevokeApiKey)
            .WithName("admin_revoke_api_key")
            .WithSummary("Revoke an API key")
            .WithDescription("The key is refused from the very next request and stays listed as revoked. Organization " +
                "admins only.")
            .RequireCaller(Errors, Permissions.Write);
        org.MapReferenceData();
        return app;
    }

    private static async Task<IResult> CreateOrganization(NewOrganization? body, HttpContext http, IDocumentStore store,
        IPlatformStore platform, DatabasePool pool, IConfiguration configuration, TimeProvider clock)
    {
        if (RefusedPlatformAdmin(http, configuration) is { } refused) return refused;

        if (string.IsNullOrWhiteSpace(body?.Name) || body.Name.Length > 200)
            return Errors.BadRequest("name", "A name of 1 to 200 characters is required.");
        if (body.Admin is null) return Errors.BadRequest("admin", "The organization's first admin user is required.");
        var (user, error) = ToUser(body.Admin with { Role = "admin" }, "admin.");
        if (error is not null) return error;

        var now = clock.GetUtcNow();
        var organization = new Organization
        {
            Id = Guid.CreateVersion7(now).ToString("N"), Name = body.Name.Trim(), AccountId = Guid.NewGuid(), CreatedAt = now,
        };
        var placement = await pool.PlaceAsync(organization.Id, body.Database, http.RequestAborted);
        if (placement.Refusal is not null) return Errors.BadRequest("database", placement.Refusal);
        organization.Database = placement.Database;

        var (key, text) = ApiKey.Issue(organization, user!, Permissions.All, now);
        var reference = new ReferenceData();
        reference.Users[user!.Id] = user;
        await using (var session = store.LightweightSession(organization.Id))
        {
            session.Store(reference);
            await session.SaveChangesAsync(http.RequestAborted);
        }
        // Last, so that an organization and its key exist only once its own database holds its reference data.
        await using (var session = platform.LightweightSession())
        {
            session.Store(organization);
            session.Store(key);
            await session.SaveChangesAsync(http.RequestAborted);
        }

        return Results.Json(new OrganizationCreated(organization.Id, organization.Name, organization.AccountId, user, text,
            placement.Database!), statusCode: 201);
    }

    /// <summary>Null when the caller holds the platform operator's key (<c>Parties:AdminKey</c>); else the refusal.</summary>
    internal static IResult? RefusedPlatformAdmin(HttpContext http, IConfiguration configuration)
    {
        var adminKey = configuration["Parties:AdminKey"];
        if (string.IsNullOrEmpty(adminKey)) return Errors.NotFound();
        if (ApiKeyAuthenticationHandler.ReadCredentials(http.Request).Key is null) return Errors.MissingCredentials();
        return ApiKeyAuthenticationHandler.IsPlatformAdmin(http.Request, adminKey) ? null : Errors.InvalidCredentials();
    }

    private static async Task<IResult> CreateUser(NewUser? body, HttpContext http, IDocumentStore store)
    {
        if (Forbidden(http) is { } forbidden) return forbidden;
        if (body is null) return Errors.BadRequest("id", "A body is required.");
        var (user, error) = ToUser(body, "");
        if (error is not null) return error;
        var caller = http.Caller();
        var added = await ReferenceDataUpdates.UpdateAsync(store, caller.OrganizationId, r => r.Users.TryAdd(user!.Id, user),
            http.RequestAborted);
        return added ? Results.Json(user, statusCode: 201) : AdminErrors.Conflict($"User '{user!.Id}' already exists.");
    }

    private static async Task<IResult> CreateApiKey(NewApiKey? body, HttpContext http, IDocumentStore store, IPlatformStore platform,
        TimeProvider clock)
    {
        if (Forbidden(http) is { } forbidden) return forbidden;
        var permissions = body?.Permissions ?? [];
        if (permissions.Length == 0 || permissions.Any(p => !Permissions.All.Contains(p)))
            return Errors.BadRequest("permissions", "Permissions must be a non-empty list of \"read\" and \"write\".");
        var caller = http.Caller();
        var reference = await ReferenceDataUpdates.LoadAsync(store, caller.OrganizationId, http.RequestAborted);
        if (body?.User is null || !reference.Users.TryGetValue(body.User, out var user))
            return Errors.BadRequest("user", $"User '{body?.User}' does not exist in the organization.");

        var organization = new Organization { Id = caller.OrganizationId, AccountId = caller.AccountId };
        var (key, text) = ApiKey.Issue(organization, user, permissions, clock.GetUtcNow());
        await using var session = platform.LightweightSession();
        session.Store(key);
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.Json(new ApiKeyCreated(key.Id, text, key.UserId, key.Permissions), statusCode: 201);
    }

    private static async Task<IResult> ListApiKeys(HttpContext http, IPlatformStore platform)
    {
        if (Forbidden(http) is { } forbidden) return forbidden;
        await using var session = platform.QuerySession();
        var organizationId = http.Caller().OrganizationId;
        var keys = await session.Query<ApiKey>().Where(k => k.OrganizationId == organizationId).OrderBy(k => k.CreatedAt)
            .ToListAsync(http.RequestAborted);
        return Results.Json(keys.Select(k => new
        {
            id = k.Id,
            user = k.UserId,
            permissions = k.Permissions,
            createdAt = k.CreatedAt,
            revokedAt = k.RevokedAt,
        }));
    }

    private static async Task<IResult> RevokeApiKey(Guid id, HttpContext http, IPlatformStore platform, TimeProvider clock,
        ApiKeyCache cache)
    {
        if (Forbidden(http) is { } forbidden) return forbidden;
        await using var session = platform.LightweightSession();
        var key = await session.LoadAsync<ApiKey>(id, http.RequestAborted);
        if (key is null || key.OrganizationId != http.Caller().OrganizationId) return Errors.NotFound();
        key.RevokedAt ??= clock.GetUtcNow();
        session.Store(key);
        // Delivered to every replica's listener when (and only if) this transaction commits.
        session.QueueSqlCommand("select pg_notify(?, ?)", ApiKeyRevocations.Channel, key.Id.ToString());
        await session.SaveChangesAsync(http.RequestAborted);
        cache.Revoked(key.Id);
        return Results.NoContent();
    }

    internal static async Task<IResult> List<T>(HttpContext http, IDocumentStore store, Func<ReferenceData, IEnumerable<T>> items)
    {
        if (Forbidden(http) is { } forbidden) return forbidden;
        var reference = await ReferenceDataUpdates.LoadAsync(store, http.Caller().OrganizationId, http.RequestAborted);
        return Results.Json(items(reference));
    }

    /// <summary>Only an organization's admins keep its users, keys and reference data.</summary>
    internal static IResult? Forbidden(HttpContext http) =>
        http.Caller().Role == UserRole.Admin ? null : Errors.InsufficientPermissions();

    private static (User?, IResult?) ToUser(NewUser body, string prefix)
    {
        if (body.Id is null || !Slug().IsMatch(body.Id))
            return (null, Errors.BadRequest(prefix + "id", "A slug of lowercase letters, digits, '-' or '_' (1 to 64) is required."));
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200)
            return (null, Errors.BadRequest(prefix + "name", "A name of 1 to 200 characters is required."));
        if (body.Email is not null && (body.Email.Length > 254 || !body.Email.Contains('@')))
            return (null, Errors.BadRequest(prefix + "email", "Enter a valid email address."));
        if (!Enum.TryParse<UserRole>(body.Role, true, out var role) || !Enum.IsDefined(role) || body.Role!.Any(char.IsDigit))
            return (null, Errors.BadRequest(prefix + "role", "Role must be one of admin, bookkeeper, member."));
        return (new User(body.Id, body.Name.Trim(), body.Email, role), null);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    internal static partial Regex Slug();
}
