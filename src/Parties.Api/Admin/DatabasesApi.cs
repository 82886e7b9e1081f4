namespace Parties.Api.Admin;

/// <summary>The pool of databases, for the platform operator: what each holds and whether it takes new organizations.</summary>
public static class DatabasesApi
{
    public static RouteGroupBuilder MapDatabases(this RouteGroupBuilder admin)
    {
        admin.MapGet("/databases", ListDatabases)
            .WithName("admin_list_databases")
            .WithSummary("List the databases")
            .WithDescription("With the platform operator's key: each database organizations live in, with how many it " +
                "holds, whether it is full (closed to new organizations) and whether it answers now.")
            .Produces<DatabaseState[]>();
        MapFullness(admin, "full", true, "admin_close_database", "Close a database to new organizations",
            "With the platform operator's key: no new organization is placed on it; those it holds stay.");
        MapFullness(admin, "open", false, "admin_open_database", "Open a database to new organizations",
            "With the platform operator's key: new organizations may be placed on it again.");
        return admin;
    }

    private static void MapFullness(RouteGroupBuilder admin, string action, bool full, string endpointName, string summary,
        string description) =>
        admin.MapPost($"/databases/{{name}}/{action}", (string name, HttpContext http, DatabasePool pool, IConfiguration configuration) =>
                SetFull(name, full, http, pool, configuration))
            .WithName(endpointName)
            .WithSummary(summary)
            .WithDescription(description)
            .Produces(204);

    private static async Task<IResult> ListDatabases(HttpContext http, DatabasePool pool, IConfiguration configuration)
    {
        if (AdminApi.RefusedPlatformAdmin(http, configuration) is { } refused) return refused;
        return Results.Json(await pool.ListAsync(http.RequestAborted));
    }

    private static async Task<IResult> SetFull(string name, bool full, HttpContext http, DatabasePool pool,
        IConfiguration configuration)
    {
        if (AdminApi.RefusedPlatformAdmin(http, configuration) is { } refused) return refused;
        return await pool.SetFullAsync(name, full, http.RequestAborted) ? Results.NoContent() : AdminErrors.Instance.NotFound();
    }
}
