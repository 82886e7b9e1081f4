using Marten;
using Parties.Api.Auth;
using Parties.Api.Http;
using Parties.Erasure;
using Wolverine;

namespace Parties.Api.Dialects.PartiesApi;

public sealed record ErasureInput(string? Reason);

/// <param name="Fields">The personal fields that held a value, as this dialect names them.</param>
/// <param name="Events">How many of the party's stored events held personal values and were rewritten without them.</param>
public sealed record ErasureAnswer(Guid Id, bool Erased, IReadOnlyList<string> Fields, int Events);

/// <summary>
/// <c>POST /api/parties/{id}/erase/</c>: the right to erasure. The erasure is recorded and the snapshot emptied of the
/// person's values in one transaction; then the stored events are masked. Should the second step not finish (a crash),
/// the values stay in the events until the erasure is sent again, which masks whatever is left.
/// </summary>
public static class PartyErasure
{
    public const int MaxReasonLength = 1000;

    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    public static async Task<IResult> Handle(Guid id, HttpContext http, IMessageBus bus, IDocumentStore store)
    {
        var body = await JsonBody<ErasureInput>.ReadAsync(http.Request, PartiesJson.Options);
        if (!body.IsValid) return Errors.BadRequest(JsonBody<ErasureInput>.Field(body.ErrorPath), body.ErrorMessage!);
        var reason = body.Value!.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return Errors.BadRequest("reason", "A reason is required.");
        if (reason.Length > MaxReasonLength) return Errors.BadRequest("reason", $"At most {MaxReasonLength} characters.");
        // Marten refuses the empty Guid as a stream id; it names no party.
        if (id == Guid.Empty) return Errors.NotFound();

        var caller = http.Caller();
        var command = new EraseParty(id, reason, caller.As(PartiesErrors.Name, http));
        var decision = await bus.InvokeForTenantAsync<ErasureDecision>(caller.OrganizationId, command, http.RequestAborted);
        if (!decision.Found) return Errors.NotFound();
        var events = await PersonalDataMasking.ApplyAsync(store, caller.OrganizationId, decision.Plan, decision.Streams, http.RequestAborted);
        return Results.Json(new ErasureAnswer(id, true, [.. decision.Fields.Select(PartyHistory.FieldName)], events), PartiesJson.Options);
    }
}
