using Parties.Api.Idempotency;
using Parties.Api.Auth;
using Marten;
using Wolverine;

namespace Parties.Api.Dialects.Vendors;

/// <summary>
/// <c>PATCH /v1.0/vendor/{vendorId}</c>: each field of <c>vendorData</c> is applied or refused on its own, in one
/// transaction, and the answer reports each one from the decision's outcomes.
/// </summary>
public static class UpdateVendor
{
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    // A replay comes before the access check: the first PATCH may have handed the vendor to another owner.
    public static Task<IResult> Handle(string vendorId, HttpContext http, IMessageBus bus) => http.ReplayOr<PartyDecision>(Respond, async () =>
    {
        if (!VendorLoads.TryParseId(vendorId, out var id)) return Errors.InvalidId();
        var (body, malformed) = await VendorsJson.ReadAsync(http.Request);
        if (malformed is not null) return Errors.Invalid(malformed);
        var (edits, error) = VendorMapping.ToPatchEdits(body);
        if (error is not null) return Errors.Invalid(error);

        // The handler checks the caller's right to the vendor on the state it writes (under the stream's lock),
        // so an owner or role changed by another writer is seen.
        var caller = http.Caller();
        var command = new UpdateParty(id, edits, EditMode.PerField, null, caller.As(VendorsErrors.Name, http), caller.AsVendorCaller(),
            http.IdempotentWrite());
        var decision = await bus.DecideAsync(caller.OrganizationId, command, http.RequestAborted);
        if (decision is { Status: DecisionStatus.Gone, MergedInto: { } survivor })
        {
            await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession(caller.OrganizationId);
            return VendorsErrors.Merged(await VendorLoads.SurvivorAsync(session, survivor, http.RequestAborted));
        }
        return Respond(decision);
    });

    private static IResult Respond(PartyDecision decision) => decision.Status switch
    {
        DecisionStatus.NotFound => Errors.NotFound(),
        DecisionStatus.Denied => Errors.AccessDenied(),
        DecisionStatus.Gone => VendorsErrors.Merged(new VendorRef(decision.MergedInto!.Value, null)),
        _ => Results.Json(VendorUpdates.Answer(decision), VendorsJson.Options),
    };
}
