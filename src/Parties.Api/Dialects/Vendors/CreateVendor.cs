using Parties.Api.Auth;
using Wolverine;

namespace Parties.Api.Dialects.Vendors;

/// <summary><c>POST /v1.0/vendor</c>: answers 201 with the new vendor's id.</summary>
public static class CreateVendor
{
    private static readonly VendorsErrors Errors = VendorsErrors.Instance;

    public static async Task<IResult> Handle(HttpContext http, IMessageBus bus)
    {
        if (http.Idempotency()?.Decision is { } earlier) return Respond(earlier);
        var (body, malformed) = await VendorsJson.ReadAsync(http.Request);
        if (malformed is not null) return Errors.Invalid(malformed);

        var caller = http.Caller();
        var id = Guid.CreateVersion7();
        var (edits, error) = VendorMapping.ToCreateEdits(body, Number(id), caller.UserId);
        if (error is not null) return Errors.Invalid(error);

        var command = new RegisterParty(id, edits, caller.As(VendorsErrors.Name, http), http.Idempotency()?.Write);
        return Respond(await bus.InvokeForTenantAsync<PartyDecision>(caller.OrganizationId, command, http.RequestAborted));
    }

    private static IResult Respond(PartyDecision decision)
    {
        if (decision.FirstRejection is { Error: { } rejected }) return VendorsErrors.Error(400, rejected.Code, rejected.Message);
        return VendorsJson.Ok(new { id = decision.Party!.Id }, StatusCodes.Status201Created);
    }

    /// <summary>
    /// The party number of a vendor made here: "V-" and the last 12 hex digits of its id. Those are the random
    /// bits of a version 7 GUID (the first ones are the clock, shared by vendors made in the same millisecond).
    /// </summary>
    public static string Number(Guid id) => "V-" + id.ToString("N")[^12..].ToUpperInvariant();
}
