using Parties.Api.Idempotency;
using Parties.Api.Auth;
using Wolverine;

namespace Parties.Api.Dialects.Vendors;

/// <summary><c>POST /v1.0/vendor</c>: answers 201 with the new vendor's id.</summary>
public static class CreateVendor
{
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    public static Task<IResult> Handle(HttpContext http, IMessageBus bus) => http.ReplayOr<PartyDecision>(Respond, async () =>
    {
        var (body, malformed) = await VendorsJson.ReadAsync(http.Request);
        if (malformed is not null) return Errors.Invalid(malformed);

        var caller = http.Caller();
        var id = Guid.CreateVersion7();
        var (edits, error) = VendorMapping.ToCreateEdits(body, id, caller.UserId);
        if (error is not null) return Errors.Invalid(error);

        var command = new RegisterParty(id, edits, caller.As(VendorsErrors.Name, http), http.IdempotentWrite());
        return Respond(await bus.InvokeForTenantAsync<PartyDecision>(caller.OrganizationId, command, http.RequestAborted));
    });

    private static IResult Respond(PartyDecision decision) => decision.FirstRejection switch
    {
        { Error: { Code: ErrorCodes.DuplicateIdentifier, Holder: { } holder } rejected } => Results.Json(
            new VendorsDuplicateFailure(false, VendorErrorTexts.Of(rejected), new VendorRef(holder.Id, holder.Name)), VendorsJson.Options,
            statusCode: StatusCodes.Status400BadRequest),
        { Error: { } rejected } => VendorsErrors.Error(StatusCodes.Status400BadRequest, VendorErrorTexts.Of(rejected)),
        _ => VendorsJson.Ok(new VendorCreated(decision.Party!.Id), StatusCodes.Status201Created),
    };
}
