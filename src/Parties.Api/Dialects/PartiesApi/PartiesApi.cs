using Marten;
using Parties.Api.Auth;
using Parties.Api.History;
using Parties.Api.Hosting;
using Parties.Api.Http;
using Parties.Api.Idempotency;
using Parties.Tenancy;
using Wolverine;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary>The Parties dialect: <c>/api/parties/</c>, snake_case, DRF-style errors.</summary>
public static class PartiesApi
{
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    /// <summary>The dialect's part of the API reference: its wire shapes named in snake_case.</summary>
    public static WebApplicationBuilder AddPartiesDialect(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureApiDocs(o => o.NamePropertiesAs(PartiesJson.Options, typeof(PartiesApi).Namespace));
        return builder;
    }

    public static IEndpointRouteBuilder MapPartiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/parties")
            .WithApiTag("Parties", "A copy of a Django REST Framework party API (seed 000): snake_case, DRF's page-number " +
                "pagination and error shapes ({\"field\": [\"message\"]}, {\"detail\": \"…\"}), the version as the ETag " +
                "with If-Match on writes, and atomic bulk writes. Individuals and organizations, in any of their roles.")
            .WithMetadata(Errors)
            .RequireRateLimiting(RateLimits.PerKey);

        group.MapGet("/", ListParties.Handle)
            .WithName("parties_list")
            .WithSummary("List parties")
            .WithDescription($"A page (page, page_size up to {Pagination.MaxSize}, default {Pagination.DefaultSize}) of the " +
                "active parties with count, next and previous links; filters role, party_type, sub_type, number, search, " +
                "modified_since, is_active and include_inactive; ordering by number or modified.")
            .RequireCaller(Errors, Permissions.Read)
            .Produces<Page<PartyResource>>()
            .Produces<Dictionary<string, string[]>>(400);
        group.MapPost("/", Create)
            .WithName("parties_create")
            .WithSummary("Create a party")
            .WithDescription("Registers an individual or an organization and answers 201 with it, its version (1) as the " +
                "ETag. A bad field is a 400 naming it.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<PartyInput>("application/json")
            .Produces<PartyResource>(201)
            .Produces<Dictionary<string, string[]>>(400);
        group.MapPost("/bulk/", BulkParties.Create)
            .WithName("parties_bulk_create")
            .WithSummary("Create parties in bulk, all or nothing")
            .WithDescription($"Up to {BulkParties.MaxItems} parties in one transaction: all are created, or none and a 400 " +
                "lists one entry per item up to the first invalid one.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<PartyInput[]>("application/json")
            .Produces<PartyResource[]>(201)
            .Produces<Dictionary<string, string[]>[]>(400);
        group.MapPut("/bulk/", (HttpContext http, IMessageBus bus) => BulkParties.Update(WriteKind.Replace, http, bus))
            .WithName("parties_bulk_update")
            .WithSummary("Replace parties in bulk, all or nothing")
            .WithDescription($"Up to {BulkParties.MaxItems} parties, each found by its number and replaced as a PUT would, " +
                "in one transaction: all are written, or none.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<PartyInput[]>("application/json")
            .Produces<PartyResource[]>()
            .Produces<Dictionary<string, string[]>[]>(400);
        group.MapPatch("/bulk/", (HttpContext http, IMessageBus bus) => BulkParties.Update(WriteKind.Patch, http, bus))
            .WithName("parties_bulk_partial_update")
            .WithSummary("Update parties in bulk, all or nothing")
            .WithDescription($"Up to {BulkParties.MaxItems} parties, each found by its number and changed in the fields sent, " +
                "in one transaction: all are written, or none.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<PartyInput[]>("application/json")
            .Produces<PartyResource[]>()
            .Produces<Dictionary<string, string[]>[]>(400);
        group.MapGet("/{id:guid}/", Get)
            .WithName("parties_read")
            .WithSummary("Read a party")
            .WithDescription("The party with its version as the ETag; as_of or version read it as it was then.")
            .RequireCaller(Errors, Permissions.Read)
            .DocumentQuery(HistoryOpenApi.PointInTime)
            .Produces<PartyResource>()
            .Produces<Dictionary<string, string[]>>(400)
            .Produces<Dictionary<string, string>>(404);
        group.MapPatch("/{id:guid}/", (Guid id, HttpContext http, IMessageBus bus) => Update(id, WriteKind.Patch, http, bus))
            .WithName("parties_partial_update")
            .WithSummary("Update a party")
            .WithDescription("Changes the fields sent and leaves the others. With If-Match, a party changed since that " +
                "version is a 412.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<PartyInput>("application/json")
            .Produces<PartyResource>()
            .Produces<Dictionary<string, string[]>>(400);
        group.MapPut("/{id:guid}/", (Guid id, HttpContext http, IMessageBus bus) => Update(id, WriteKind.Replace, http, bus))
            .WithName("parties_update")
            .WithSummary("Replace a party")
            .WithDescription("Writes the party as sent: required fields must be sent again. With If-Match, a party changed " +
                "since that version is a 412.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Accepts<PartyInput>("application/json")
            .Produces<PartyResource>()
            .Produces<Dictionary<string, string[]>>(400);
        group.MapDelete("/{id:guid}/", Delete)
            .WithName("parties_delete")
            .WithSummary("Deactivate a party")
            .WithDescription("Answers 204 and takes the party out of the default list; it stays, with its history, and " +
                "is_active true brings it back. With If-Match, a party changed since that version is a 412.")
            .RequireCaller(Errors, Permissions.Write)
            .Idempotent(Errors)
            .Produces(204)
            .Produces<Dictionary<string, string>>(404);
        group.MapGet("/{id:guid}/history/", PartyHistory.Handle)
            .WithName("parties_history")
            .WithSummary("Read a party's history")
            .WithDescription("Every change to the party, newest first and paginated like the list: who made it (user and API " +
                "key), through which dialect and request, and each field's old and new value.")
            .RequireCaller(Errors, Permissions.Read)
            .Produces<Page<Dictionary<string, object>>>()
            .Produces<Dictionary<string, string>>(404);
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
            var decision = await bus.DecideAsync(caller.OrganizationId, command, http.RequestAborted);
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
            var expected = ETags.ExpectedVersion(http.Request);
            var body = await JsonBody<PartyInput>.ReadAsync(http.Request, PartiesJson.Options);
            if (!body.IsValid) return Errors.BadRequest(JsonBody<PartyInput>.Field(body.ErrorPath), body.ErrorMessage!);
            var (edits, errors) = PartyInputMapping.ToEdits(body.Value!, kind);
            if (errors.Count > 0) return PartiesErrors.Fields(errors);

            var caller = http.Caller();
            var command = new UpdateParty(id, edits, EditMode.AllOrNothing, expected, caller.As(PartiesErrors.Name, http),
                Idempotency: http.IdempotentWrite());
            var decision = await bus.DecideAsync(caller.OrganizationId, command, http.RequestAborted);
            return Respond(decision, http, StatusCodes.Status200OK);
        });

    /// <summary>Deactivates: the party stays, with its history, but leaves the default list.</summary>
    private static Task<IResult> Delete(Guid id, HttpContext http, IMessageBus bus) =>
        http.ReplayOr<PartyDecision>(decision => Deleted(decision, http), async () =>
        {
            var expected = ETags.ExpectedVersion(http.Request);
            var caller = http.Caller();
            var command = new UpdateParty(id, [PartyInputMapping.Delete], EditMode.AllOrNothing, expected,
                caller.As(PartiesErrors.Name, http), Idempotency: http.IdempotentWrite());
            return Deleted(await bus.DecideAsync(caller.OrganizationId, command, http.RequestAborted), http);
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
