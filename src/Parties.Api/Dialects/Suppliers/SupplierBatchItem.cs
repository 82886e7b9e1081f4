using Parties.Api.Auth;
using Parties.Api.Idempotency;
using Parties.Idempotency;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>
/// One item of a <c>POST|PUT /Suppliers</c> batch on its way to being written: what was sent, its edits, and either the
/// command that writes it or, when it needs no write, its answer already (empty, without an ID, or decided under the
/// request's Idempotency-Key before).
/// </summary>
/// <param name="Index">The item's position in the batch, from 0; its Idempotency-Key record is kept under it.</param>
public sealed record SupplierBatchItem(int Index, SupplierInput? Input, SupplierEdits? Edits, IIdempotentCommand? Command,
    SupplierOutput? Answered)
{
    public static SupplierBatchItem Of(SupplierWrite write, SupplierInput? input, int index, Caller caller, Actor actor,
        IdempotencyKeys.IdempotentRequest? idempotency)
    {
        if (input is null) return new(index, null, null, null, SupplierOutput.Echo(null, [SupplierErrorTexts.ItemMissing]));
        var id = write == SupplierWrite.Create ? Guid.CreateVersion7() : input.ID ?? Guid.Empty;
        var edits = SupplierInputMapping.ToEdits(input, write, id, caller.UserId);
        if (write == SupplierWrite.Update && input.ID is null)
            return new(index, input, edits, null, SupplierOutput.Echo(input, edits.Refusals.Values.Prepend(SupplierErrorTexts.IdRequired)));

        var claim = idempotency?.Write.ForItem(index);
        // An update goes through the vendor policy: a member changes only its own suppliers, and a party that is no
        // supplier does not exist for this dialect.
        IIdempotentCommand command = write == SupplierWrite.Create
            ? new RegisterParty(id, edits.Edits, actor, claim)
            : new UpdateParty(id, edits.Edits, EditMode.AllOrNothing, null, actor, caller.AsVendorCaller(), claim);
        var item = new SupplierBatchItem(index, input, edits, command, null);
        return idempotency?.ItemDecision(index) is { } earlier ? item with { Command = null, Answered = item.Answer(earlier) } : item;
    }

    public SupplierOutput Answer(PartyDecision decision) => decision.Status == DecisionStatus.Done
        ? SupplierOutput.Saved(decision.Party!)
        : SupplierOutput.Echo(Input, SupplierErrorTexts.Of(decision, Input!, Edits!));

    public SupplierOutput Failed(Exception failure) => SupplierOutput.Echo(Input, [SupplierItemFailures.Text(failure)]);
}
