using System.Collections.Immutable;
using Parties.Api.Auth;
using Parties.Api.Http;
using Wolverine;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary><c>POST /api/parties/{survivor}/merge/</c> and <c>…/unmerge/</c>: wire in, a command, the decision out.</summary>
public static class MergeEndpoints
{
    private static readonly PartiesErrors Errors = PartiesErrors.Instance;

    private static readonly IReadOnlyDictionary<string, IPartyField> Preferable =
        MergedValues.Preferable.ToDictionary(f => PartyHistory.FieldName(f.Name));

    public static async Task<IResult> Merge(Guid id, HttpContext http, IMessageBus bus)
    {
        var (input, refusal) = await ReadAsync<MergeInput>(http);
        if (refusal is not null) return refusal;
        if (input!.Absorb is not { } absorb) return Errors.BadRequest(MergeParties.AbsorbKey, "This field is required.");
        if (absorb.Length > MergePartiesHandler.MaxAbsorbed)
            return Errors.BadRequest(MergeParties.AbsorbKey, $"Ensure this list has no more than {MergePartiesHandler.MaxAbsorbed} items.");
        var prefer = ImmutableDictionary.CreateBuilder<IPartyField, Guid>();
        foreach (var (field, partyId) in input.Prefer ?? [])
        {
            if (!Preferable.TryGetValue(field, out var preferable))
                return Errors.BadRequest($"{MergeParties.PreferKey}.{field}", "This field cannot be taken from another party.");
            prefer[preferable] = partyId;
        }

        var caller = http.Caller();
        var command = new MergeParties(id, [.. absorb], prefer.ToImmutable(), ETags.ExpectedVersion(http.Request),
            caller.As(PartiesErrors.Name, http));
        var decision = await bus.InvokeForTenantAsync<PartyDecision>(caller.OrganizationId, command, http.RequestAborted);
        return PartyEndpoints.Respond(WithWireKeys(decision), http, StatusCodes.Status200OK);
    }

    public static async Task<IResult> Unmerge(Guid id, HttpContext http, IMessageBus bus)
    {
        var (input, refusal) = await ReadAsync<UnmergeInput>(http);
        if (refusal is not null) return refusal;
        if (input!.Restore is not { } restore) return Errors.BadRequest(UnmergeParty.RestoreKey, "This field is required.");

        var caller = http.Caller();
        var command = new UnmergeParty(id, restore, ETags.ExpectedVersion(http.Request), caller.As(PartiesErrors.Name, http));
        var decision = await bus.InvokeForTenantAsync<UnmergeDecision>(caller.OrganizationId, command, http.RequestAborted);
        if (decision.Survivor.Status != DecisionStatus.Done) return PartyEndpoints.Respond(decision.Survivor, http, StatusCodes.Status200OK);
        ETags.Set(http.Response, decision.Survivor.Party!.Version);
        var output = new UnmergeOutput(PartyOutput.From(decision.Survivor.Party), PartyOutput.From(decision.Restored!),
            [.. decision.Kept.Select(PartyHistory.FieldName)]);
        return Results.Json(output, PartiesJson.Options);
    }

    // A member sees only the vendors it owns: merging spans parties it may not see.
    private static async Task<(T? Input, IResult? Refusal)> ReadAsync<T>(HttpContext http)
    {
        if (!http.Caller().SeesAll) return (default, Errors.InsufficientPermissions());
        var body = await JsonBody<T>.ReadAsync(http.Request, PartiesJson.Options);
        return body.IsValid ? (body.Value, null) : (default, Errors.BadRequest(JsonBody<T>.Field(body.ErrorPath), body.ErrorMessage!));
    }

    /// <summary>A refusal about a preferred field names it as the request did (<c>prefer.first_name</c>).</summary>
    private static PartyDecision WithWireKeys(PartyDecision decision) => decision with
    {
        Outcomes = [.. decision.Outcomes.Select(o => o.Key.StartsWith(MergeParties.PreferKey + ".", StringComparison.Ordinal)
            ? o with { Key = $"{MergeParties.PreferKey}.{PartyHistory.FieldName(o.Key[(MergeParties.PreferKey.Length + 1)..])}" }
            : o)],
    };
}
