using Marten;
using Parties.Api.Auth;
using Parties.Api.Dialects.History;
using Parties.Api.Hosting;
using Parties.Api.Idempotency;
using Parties.Api.Json;
using Parties.Tenancy;
using Wolverine;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary>The Parties dialect: <c>/api/parties/</c>, snake_case, DRF-style errors.</summary>
public static class PartiesApi
{
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    public static IEndpointRouteBuilder MapPartiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/parties").WithTags("Parties");
        group.MapGet("/", ListParties.Handle).RequireCaller(Errors, Permissions.Read).WithName("parties_list")
            .Produces<Page<PartyResource>>().Produces<Dictionary<string, string[]>>(400);
        group.MapPost("/", Create).RequireCaller(Errors, Permissions.Write).Idempotent(Errors).WithName("parties_create")
            .Accepts<PartyInput>("application/json").Produces<PartyResource>(201).Produces<Dictionary<string, string[]>>(400);
        group.MapPost("/bulk/", BulkParties.Create).RequireCaller(Errors, Permissions.Write).Idempotent(Errors).RequireRateLimiting(BulkConcurrency.BulkPolicy).WithName("parties_bulk_create")
            .Accepts<PartyInput[]>("application/json").Produces<PartyResource[]>(201).Produces<Dictionary<string, string[]>[]>(400);
        group.MapPut("/bulk/", (HttpContext http, IMessageBus bus) => BulkParties.Update(WriteKind.Replace, http, bus))
            .RequireCaller(Errors, Permissions.Write).Idempotent(Errors).RequireRateLimiting(BulkConcurrency.BulkPolicy).WithName("parties_bulk_update")
            .Accepts<PartyInput[]>("application/json").Produces<PartyResource[]>().Produces<Dictionary<string, string[]>[]>(400);
        group.MapPatch("/bulk/", (HttpContext http, IMessageBus bus) => BulkParties.Update(WriteKind.Patch, http, bus))
            .RequireCaller(Errors, Permissions.Write).Idempotent(Errors).RequireRateLimiting(BulkConcurrency.BulkPolicy).WithName("parties_bulk_partial_update")
            .Accepts<PartyInput[]>("application/json").Produces<PartyResource[]>().Produces<Dictionary<string, string[]>[]>(400);
        group.MapGet("/{id:guid}/", Get).RequireCaller(Errors, Permissions.Read).WithName("parties_read").DocumentQuery(HistoryOpenApi.PointInTime)
            .Produces<PartyResource>().Produces<Dictionary<string, string[]>>(400).Produces<Dictionary<string, string>>(404);
        group.MapPatch("/{id:guid}/", (Guid id, HttpContext http, IMessageBus bus) => Update(id, WriteKind.Patch, http, bus))
            .RequireCaller(Errors, Permissions.Write).Idempotent(Errors).WithName("parties_partial_update")
            .Accepts<PartyInput>("application/json").Produces<PartyResource>().Produces<Dictionary<string, string[]>>(400);
        group.MapPut("/{id:guid}/", (Guid id, HttpContext http, IMessageBus bus) => Update(id, WriteKind.Replace, http, bus))
            .RequireCaller(Errors, Permissions.Write).Idempotent(Errors).WithName("parties_update")
            .Accepts<PartyInput>("application/json").Produces<PartyResource>().Produces<Dictionary<string, string[]>>(400);
        group.MapDelete("/{id:guid}/", Delete).RequireCaller(Errors, Permissions.Write).Idempotent(Errors).WithName("parties_delete")
            .Produces(204).Produces<Dictionary<string, string>>(404);
        group.MapGet("/{id:guid}/history/", PartyHistory.Handle).RequireCaller(Errors, Permissions.Read).WithName("parties_history")
            .Produces<Page<Dictionary<string, object>>>().Produces<Dictionary<string, string>>(404);
        return app;
    }

    private static Task<IResult> Create(HttpContext http, IMessageBus bus) =>
        http.ReplayOr<PartyDecision>(decision => Respond(decision, http, StatusCodes.Status201Created), async () =>
        {
            var body = await JsonBody<PartyInput>.ReadAsync(http.Request, PartiesJson.Options);
            if (!body.IsValid) return Errors.BadRequest(JsonBody<PartyInput>.Field(body.ErrorPath), body.ErrorMessage!);
            var (edits, errors) = PartyInputMapping.ToEdits(body.Value!, WriteKind.Create);
            if (errors.Count > 0) return PartiesErrors.Fields(errors);

            var caller = http.Caller();
            var command = new RegisterParty(Guid.CreateVersion7(), edits, caller.As(PartiesErrors.Name, http), http.IdempotentWrite());
            var decision = await bus.InvokeForTenantAsync<PartyDecision>(caller.OrganizationId, command, http.RequestAborted);
            return Respond(decision, http, StatusCodes.Status201Created);
        });

    private static async Task<IResult> Get(Guid id, HttpContext http, IDocumentStore store)
    {
        var (point, parameter, message) = PointInTime.Read(http.Request.Query);
        if (point is null) return Errors.BadRequest(parameter!, message!);
        await using var session = store.QuerySession(http.Caller().OrganizationId);
        var party = await point.LoadAsync(session, id, http.RequestAborted);
        if (party is null) return Errors.NotFound();
        ETags.Set(http.Response, party.Version);
        return Results.Json(PartyOutput.From(PartySnapshot.Of(party)), PartiesJson.Options);
    }

    private static Task<IResult> Update(Guid id, WriteKind kind, HttpContext http, IMessageBus bus) =>
        http.ReplayOr<PartyDecision>(decision => Respond(decision, http, StatusCodes.Status200OK), async () =>
        {
            if (!ETags.TryReadIfMatch(http.Request, out var expected)) return Errors.PreconditionFailed(-1);
            var body = await JsonBody<PartyInput>.ReadAsync(http.Request, PartiesJson.Options);
            if (!body.IsValid) return Errors.BadRequest(JsonBody<PartyInput>.Field(body.ErrorPath), body.ErrorMessage!);
            var (edits, errors) = PartyInputMapping.ToEdits(body.Value!, kind);
            if (errors.Count > 0) return PartiesErrors.Fields(errors);

            var caller = http.Caller();
            var command = new UpdateParty(id, edits, EditMode.AllOrNothing, expected, caller.As(PartiesErrors.Name, http),
                Idempotency: http.IdempotentWrite());
            var decision = await bus.InvokeForTenantAsync<PartyDecision>(caller.OrganizationId, command, http.RequestAborted);
            return Respond(decision, http, StatusCodes.Status200OK);
        });

    /// <summary>Deactivates: the party stays, with its history, but leaves the default list.</summary>
    private static Task<IResult> Delete(Guid id, HttpContext http, IMessageBus bus) =>
        http.ReplayOr<PartyDecision>(decision => Deleted(decision, http), async () =>
        {
            if (!ETags.TryReadIfMatch(http.Request, out var expected)) return Errors.PreconditionFailed(-1);
            var caller = http.Caller();
            var command = new UpdateParty(id, [PartyInputMapping.Delete], EditMode.AllOrNothing, expected,
                caller.As(PartiesErrors.Name, http), Idempotency: http.IdempotentWrite());
            return Deleted(await bus.InvokeForTenantAsync<PartyDecision>(caller.OrganizationId, command, http.RequestAborted), http);
        });

    private static IResult Deleted(PartyDecision decision, HttpContext http) =>
        decision.Status == DecisionStatus.Done ? Results.NoContent() : Respond(decision, http, StatusCodes.Status200OK);

    /// <summary>The answer to a write, from what the handler decided.</summary>
    private static IResult Respond(PartyDecision decision, HttpContext http, int successStatus)
    {
        switch (decision.Status)
        {
            case DecisionStatus.NotFound:
                return Errors.NotFound();
            case DecisionStatus.VersionMismatch:
                ETags.Set(http.Response, decision.Party!.Version);
                return Errors.PreconditionFailed(decision.Party.Version);
            case DecisionStatus.Rejected:
                var rejection = decision.FirstRejection!;
                return Errors.BadRequest(rejection.Key, PartiesErrorTexts.Of(rejection.Error!));
            default:
                var party = decision.Party!;
                ETags.Set(http.Response, party.Version);
                var output = PartyOutput.From(party);
                return successStatus == StatusCodes.Status201Created
                    ? Results.Json(output, PartiesJson.Options, statusCode: 201)
                    : Results.Json(output, PartiesJson.Options);
        }
    }
}
