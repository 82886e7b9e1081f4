using Marten;
using Marten.Events.Daemon;
using JasperFx.Events.Projections;
using Parties.Api.Auth;
using Parties.Api.Dialects.PartiesApi;
using Parties.Api.Http;
using Parties.Webhooks;
using Wolverine;

namespace Parties.Api.Webhooks;

/// <summary>Owe a subscription again every event it wants in (<paramref name="After"/>, <paramref name="Until"/>], a page at a time.</summary>
public sealed record ReplayWebhook(Guid SubscriptionId, long After, long Until);

/// <summary>
/// <c>POST /api/webhooks/{id}/replay/</c> <c>{"after": sequence}</c>: every matching event after that position of
/// the change feed is delivered again, in order per party, as new deliveries (same <c>webhook-id</c>: it is the
/// same event). It goes up to where the fan-out has read; what comes after, the fan-out delivers as usual.
/// </summary>
public static class ReplayWebhookHandler
{
    public const int PageSize = 500;

    public static async Task<IResult> Accept(Guid id, HttpContext http, IDocumentStore store, IMessageBus bus)
    {
        var caller = http.Caller();
        await using var session = store.QuerySession(caller.OrganizationId);
        var subscription = await session.LoadAsync<WebhookSubscription>(id, http.RequestAborted);
        if (subscription is null) return PartiesErrors.Instance.NotFound();
        var body = await JsonBody<ReplayInput>.ReadAsync(http.Request, PartiesJson.Options);
        if (!body.IsValid) return PartiesErrors.Instance.BadRequest(JsonBody<ReplayInput>.Field(body.ErrorPath), body.ErrorMessage!);
        if (body.Value!.After is not { } after || after < 0)
            return PartiesErrors.Instance.BadRequest("after", "A change feed sequence (a whole number from 0) is required.");
        if (!subscription.IsActive)
            return PartiesErrors.Instance.BadRequest("is_active", "The subscription is inactive: activate it before replaying.");

        var until = await store.Advanced.ProjectionProgressFor(new ShardName(WebhookFanOut.Name), caller.OrganizationId,
            http.RequestAborted);
        if (until > after)
            await bus.PublishAsync(new ReplayWebhook(id, after, until), new DeliveryOptions { TenantId = caller.OrganizationId });
        return Results.Json(new ReplayAccepted(after, Math.Max(after, until)), PartiesJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    public static async Task Handle(ReplayWebhook message, IDocumentSession session, IMessageContext bus, TimeProvider clock,
        CancellationToken cancellation)
    {
        var subscription = await session.LoadAsync<WebhookSubscription>(message.SubscriptionId, cancellation);
        if (subscription is null) return;
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > message.After && e.Sequence <= message.Until)
            .OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(cancellation);
        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            if (WebhookEvents.Of(e) is { } webhook && subscription.Wants(webhook.Type))
                Deliveries.Owe(session, subscription.Id, e, webhook.Type, now);
        }
        await Deliveries.DrainAsync(bus, session.TenantId, subscription.Id);
        if (events.Count == PageSize)
            await bus.PublishAsync(message with { After = events[^1].Sequence }, new DeliveryOptions { TenantId = session.TenantId });
    }
}
