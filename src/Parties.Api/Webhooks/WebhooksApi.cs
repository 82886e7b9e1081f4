using Marten;
using Microsoft.OpenApi;
using Parties.Api.Auth;
using Parties.Api.History;
using Parties.Api.Hosting;
using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Http;
using Parties.Tenancy;
using Parties.Webhooks;

namespace Parties.Api.Webhooks;

/// <summary>
/// <c>/api/webhooks/</c>: an organization's webhook subscriptions, kept by its admins, in the Parties dialect's
/// shapes (snake_case, DRF errors).
/// </summary>
public static class WebhooksApi
{
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhooks")
            .WithApiTag("Webhooks", "Signed pushes of every change (Standard Webhooks headers), delivered from the event " +
                "store in each party's order, retried on a schedule, with a log of attempts and replay from any point of the " +
                "change feed. Kept by the organization's admins, in the Parties dialect's shapes.")
            .WithMetadata(Errors)
            .RequireRateLimiting(RateLimits.PerKey);

        group.MapPost("/", Create)
            .WithName("webhooks_create")
            .WithSummary("Subscribe a URL to changes")
            .WithDescription("Saves a subscription for the event types listed (or \"*\") and answers 201 with its secret, " +
                "shown only here and on rotation. A URL that is not http(s) or resolves to a private address is a 400.")
            .RequireCaller(Errors, Permissions.Write)
            .RequireAdmin(Errors)
            .Accepts<WebhookInput>("application/json")
            .Produces<WebhookWithSecret>(201)
            .Problems(400);
        group.MapGet("/", List)
            .WithName("webhooks_list")
            .WithSummary("List webhook subscriptions")
            .WithDescription("The organization's subscriptions, oldest first, without their secrets.")
            .RequireCaller(Errors, Permissions.Read)
            .RequireAdmin(Errors)
            .Produces<List<WebhookResource>>()
            .Problems();
        group.MapGet("/{id:guid}/", Get)
            .WithName("webhooks_read")
            .WithSummary("Read a webhook subscription")
            .WithDescription("One subscription, without its secret.")
            .RequireCaller(Errors, Permissions.Read)
            .RequireAdmin(Errors)
            .Produces<WebhookResource>()
            .Problems(404);
        group.MapPatch("/{id:guid}/", Update)
            .WithName("webhooks_partial_update")
            .WithSummary("Update a webhook subscription")
            .WithDescription("Changes the url, events, description or is_active sent.")
            .RequireCaller(Errors, Permissions.Write)
            .RequireAdmin(Errors)
            .Accepts<WebhookInput>("application/json")
            .Produces<WebhookResource>()
            .Problems(400, 404);
        group.MapDelete("/{id:guid}/", Delete)
            .WithName("webhooks_delete")
            .WithSummary("Delete a webhook subscription")
            .WithDescription("Removes the subscription with its deliveries and their attempts.")
            .RequireCaller(Errors, Permissions.Write)
            .RequireAdmin(Errors)
            .Produces(204)
            .Problems(404);
        group.MapPost("/{id:guid}/rotate-secret/", RotateSecret)
            .WithName("webhooks_rotate_secret")
            .WithSummary("Rotate a subscription's secret")
            .WithDescription("Issues a new signing secret, shown in this answer only; the next attempt is signed with it.")
            .RequireCaller(Errors, Permissions.Write)
            .RequireAdmin(Errors)
            .Produces<WebhookWithSecret>()
            .Problems(404);
        group.MapGet("/{id:guid}/deliveries/", WebhookAttempts.Handle)
            .WithName("webhooks_deliveries")
            .WithSummary("List delivery attempts")
            .WithDescription("Each attempt with its event's id and sequence, the HTTP status or the network error, its " +
                "duration, attempt number and next retry time; filtered by status, paged by after.")
            .RequireCaller(Errors, Permissions.Read)
            .RequireAdmin(Errors)
            .DocumentQuery(("status", JsonSchemaType.String, "delivered, retrying or failed"),
                ("after", JsonSchemaType.String, "The id of the last attempt already read (the next link carries it)"),
                ("limit", JsonSchemaType.Integer,
                    $"Attempts per page, 1 to {WebhookAttempts.MaxLimit} (default {WebhookAttempts.DefaultLimit})"))
            .Produces<AttemptPage>()
            .Problems(400, 404);
        group.MapPost("/{id:guid}/replay/", ReplayWebhookHandler.Accept)
            .WithName("webhooks_replay")
            .WithSummary("Deliver again from a point of the change feed")
            .WithDescription("Every event the subscription wants after the sequence given is delivered again (202).")
            .RequireCaller(Errors, Permissions.Write)
            .RequireAdmin(Errors)
            .Accepts<ReplayInput>("application/json")
            .Produces<ReplayAccepted>(202)
            .Problems(400, 404);
        return app;
    }

    private static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        builder.Produces<Dictionary<string, string>>(403);
        foreach (var status in statuses)
            builder = status == 400 ? builder.Produces<Dictionary<string, string[]>>(400) : builder.Produces<Dictionary<string, string>>(status);
        return builder;
    }

    private static async Task<IResult> Create(HttpContext http, IDocumentStore store, WebhookTargets targets, TimeProvider clock)
    {
        var (input, error) = await ReadAsync(http, targets, creating: true);
        if (error is not null) return error;
        var now = clock.GetUtcNow();
        var caller = http.Caller();
        await using var session = store.LightweightSession(caller.OrganizationId);
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now), TenantId = caller.OrganizationId, Url = input!.Url.Value!, Events = input.Events.Value!.Distinct().ToArray(),
            Description = input.Description.Value ?? "", IsActive = input.IsActive.Value ?? true, Created = now,
            Secret = WebhookSecrets.Issue(), StartsAfter = await HighestSequenceAsync(session, http.RequestAborted),
        };
        session.Store(subscription);
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.Json(WebhookWithSecret.From(subscription), PartiesJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(http.Caller().OrganizationId);
        var subscriptions = await session.Query<WebhookSubscription>().OrderBy(s => s.Created).ToListAsync(http.RequestAborted);
        return Results.Json(subscriptions.Select(WebhookResource.From).ToList(), PartiesJson.Options);
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(http.Caller().OrganizationId);
        var subscription = await session.LoadAsync<WebhookSubscription>(id, http.RequestAborted);
        return subscription is null ? Errors.NotFound() : Results.Json(WebhookResource.From(subscription), PartiesJson.Options);
    }

    private static async Task<IResult> Update(Guid id, HttpContext http, IDocumentStore store, WebhookTargets targets)
    {
        await using var session = store.LightweightSession(http.Caller().OrganizationId);
        var subscription = await session.LoadAsync<WebhookSubscription>(id, http.RequestAborted);
        if (subscription is null) return Errors.NotFound();
        var (input, error) = await ReadAsync(http, targets, creating: false);
        if (error is not null) return error;
        if (input!.Url.IsSet) subscription.Url = input.Url.Value!;
        if (input.Events.IsSet) subscription.Events = input.Events.Value!.Distinct().ToArray();
        if (input.Description.IsSet) subscription.Description = input.Description.Value ?? "";
        if (input.IsActive.IsSet) subscription.IsActive = input.IsActive.Value!.Value;
        session.Store(subscription);
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.Json(WebhookResource.From(subscription), PartiesJson.Options);
    }

    private static async Task<IResult> Delete(Guid id, HttpContext http, IDocumentStore store)
    {
        await using var session = store.LightweightSession(http.Caller().OrganizationId);
        if (await session.LoadAsync<WebhookSubscription>(id, http.RequestAborted) is null) return Errors.NotFound();
        // Its deliveries go with it: a message still queued for one finds nothing and ends.
        session.Delete<WebhookSubscription>(id);
        session.DeleteWhere<WebhookDelivery>(d => d.SubscriptionId == id);
        session.DeleteWhere<WebhookAttempt>(a => a.SubscriptionId == id);
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> RotateSecret(Guid id, HttpContext http, IDocumentStore store)
    {
        await using var session = store.LightweightSession(http.Caller().OrganizationId);
        var subscription = await session.LoadAsync<WebhookSubscription>(id, http.RequestAborted);
        if (subscription is null) return Errors.NotFound();
        subscription.Secret = WebhookSecrets.Issue();
        session.Store(subscription);
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.Json(WebhookWithSecret.From(subscription), PartiesJson.Options);
    }

    private static async Task<(WebhookInput?, IResult?)> ReadAsync(HttpContext http, WebhookTargets targets, bool creating)
    {
        var body = await JsonBody<WebhookInput>.ReadAsync(http.Request, PartiesJson.Options);
        if (!body.IsValid) return (null, Errors.BadRequest(JsonBody<WebhookInput>.Field(body.ErrorPath), body.ErrorMessage!));
        if (body.Value!.Error(creating) is var (field, message)) return (null, Errors.BadRequest(field, message));
        if (body.Value.Url.IsSet && await targets.RefusalAsync(body.Value.Url.Value, http.RequestAborted) is { } refusal)
            return (null, Errors.BadRequest("url", refusal));
        return (body.Value, null);
    }

    /// <summary>The highest sequence written so far (committed or not): a new subscription starts after it.</summary>
    private static async Task<long> HighestSequenceAsync(IQuerySession session, CancellationToken cancellation) =>
        (await session.QueryAsync<long>($"select coalesce(max(seq_id), 0) from {PartiesStore.Schema}.mt_events", cancellation))[0];
}
