using Marten;
using Parties.Api.Auth;
using Wolverine;

namespace Parties.Api.Dialects.Vendors;

/// <summary>
/// <c>PATCH /v1.0/vendor/{vendorId}</c>: each field of <c>vendorData</c> is applied or refused on its own, in one
/// transaction, and the answer reports each one from the decision's outcomes.
/// </summary>
public static class UpdateVendor
{
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    // The access check reads the vendor before the write; the write then expects that version, so an owner or
    // role changed in between is seen by checking again rather than slipping through.
    private const int MaxAttempts = 10;

    public static async Task<IResult> Handle(string vendorId, HttpContext http, IDocumentStore store, IMessageBus bus)
    {
        // Before the access check: the first PATCH may have handed the vendor to another owner.
        if (http.Idempotency()?.Decision is { } earlier) return Updated(earlier);
        if (!VendorReads.TryParseId(vendorId, out var id)) return Errors.InvalidId();
        var (body, malformed) = await VendorsJson.ReadAsync(http.Request);
        if (malformed is not null) return Errors.Invalid(malformed);
        var (edits, error) = VendorMapping.ToPatchEdits(body);
        if (error is not null) return Errors.Invalid(error);

        var caller = http.Caller();
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.QuerySession(caller.OrganizationId);
            var party = await session.LoadAsync<Party>(id, http.RequestAborted);
            if (Errors.Refusal(VendorAccess.Check(party?.Data, caller.UserId, caller.SeesAll)) is { } refusal) return refusal;

            var command = new UpdateParty(id, edits, EditMode.PerField, party!.Version, caller.As(VendorsErrors.Name, http),
                http.Idempotency()?.Write);
            var decision = await bus.InvokeForTenantAsync<PartyDecision>(caller.OrganizationId, command, http.RequestAborted);
            switch (decision.Status)
            {
                case DecisionStatus.VersionMismatch when attempt < MaxAttempts:
                    continue;
                case DecisionStatus.VersionMismatch:
                    return Errors.Conflict();
                case DecisionStatus.NotFound:
                    return Errors.NotFound();
                default:
                    return Updated(decision);
            }
        }
    }

    private static IResult Updated(PartyDecision decision) => Results.Json(new
    {
        ok = true,
        update = true,
        error = (object?)null,
        context = new { updates = VendorUpdates.From(decision.Outcomes) },
    }, VendorsJson.Options);
}
