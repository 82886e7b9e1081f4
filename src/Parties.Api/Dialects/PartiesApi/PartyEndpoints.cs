using Marten;
using Parties.Api.Auth;
using Parties.Api.History;
using Parties.Api.Http;
using Parties.Api.Idempotency;
using Wolverine;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary>The single-party endpoints of the Parties dialect: create, read, update (PUT/PATCH) and delete.</summary>
public static class PartyEndpoints
{
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    public static Task<IResult> Create(HttpContext http, IMessageBus bus) =>
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

    public static async Task<IResult> Get(Guid id, HttpContext http, IDocumentStore store)
    {
        var (point, parameter, message) = PointInTime.Read(http.Request.Query);
        if (point is null) return Errors.BadRequest(parameter!, message!);
        await using var session = store.QuerySession(http.Caller().OrganizationId);
        var party = await point.LoadAsync(session, id, http.RequestAborted);
        if (party is null) return Errors.NotFound();
        if (party.MergedInto is { } survivor) return PartiesErrors.Gone(survivor);
        ETags.Set(http.Response, party.Version);
        return Results.Json(PartyOutput.From(PartySnapshot.Of(party)), PartiesJson.Options);
    }

    public static Task<IResult> Update(Guid id, WriteKind kind, HttpContext http, IMessageBus bus) =>
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
    public static Task<IResult> Delete(Guid id, HttpContext http, IMessageBus bus) =>
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
    public static IResult Respond(PartyDecision decision, HttpContext http, int successStatus)
    {
        switch (decision.Status)
        {
            case DecisionStatus.NotFound:
                return Errors.NotFound();
            case DecisionStatus.Gone:
                return PartiesErrors.Gone(decision.MergedInto!.Value);
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
