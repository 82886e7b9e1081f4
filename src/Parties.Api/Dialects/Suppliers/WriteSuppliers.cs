using System.Collections.Immutable;
using Parties.Api.Auth;
using Parties.Api.Http;
using Wolverine;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>
/// <c>POST /Suppliers</c> and <c>PUT /Suppliers</c>: up to 100 suppliers, each decided and written on its own
/// (its own command, its own transaction), so good items are saved beside failed ones. The answer is 200 with
/// every item in order, its <c>Errors</c> and <c>OperationStatus</c>.
/// Under an Idempotency-Key each item's decision is kept in that item's transaction (key and item index), so a
/// retry answers the items already decided from their records and writes only those a crash left undecided.
/// </summary>
public static class WriteSuppliers
{
    public const int MaxBatch = 100;
    private static readonly SuppliersErrors Errors = SuppliersErrors.Instance;

    public static Task<IResult> Create(HttpContext http, IMessageBus bus) => Write(SupplierWrite.Create, http, bus);

    public static Task<IResult> Update(HttpContext http, IMessageBus bus) => Write(SupplierWrite.Update, http, bus);

    private static async Task<IResult> Write(SupplierWrite write, HttpContext http, IMessageBus bus)
    {
        var body = await JsonBody<SupplierBatchInput>.ReadAsync(http.Request, SuppliersJson.Options);
        if (!body.IsValid) return Errors.BadRequest(Field(body.ErrorPath), body.ErrorMessage!);
        if (body.Value!.Suppliers is not { } items) return Errors.BadRequest("Suppliers", "A list of Suppliers is required.");
        if (items.Length > MaxBatch)
            return Errors.BadRequest("Suppliers", $"Up to {MaxBatch} Suppliers can be created/updated in one batch ({items.Length} sent).");

        var caller = http.Caller();
        var actor = caller.As(SuppliersErrors.Name, http);
        var idempotency = http.Idempotency();
        var answers = new List<SupplierOutput>(items.Length);
        // One after another, in order: a later item sees what an earlier one wrote (two items with one name).
        for (var index = 0; index < items.Length; index++)
            answers.Add(await WriteOne(write, items[index], caller, actor, bus, http.RequestAborted, idempotency, index));
        return Results.Json(new SupplierBatchOutput(answers), SuppliersJson.Options);
    }

    private static async Task<SupplierOutput> WriteOne(SupplierWrite write, SupplierInput? item, Caller caller, Actor actor,
        IMessageBus bus, CancellationToken cancellation, IdempotencyKeys.IdempotentRequest? idempotency, int index)
    {
        if (item is null) return SupplierOutput.Echo(null, [SupplierErrorTexts.ItemMissing]);
        var id = write == SupplierWrite.Create ? Guid.CreateVersion7() : item.ID ?? Guid.Empty;
        var edits = SupplierInputMapping.ToEdits(item, write, id, caller.UserId);
        // A member changes only its own suppliers; the others do not exist for it, as in the list.
        if (write == SupplierWrite.Update && !caller.SeesAll) edits = edits.Insert(0, new RequireOwner("ID", caller.UserId));
        if (write == SupplierWrite.Update && item.ID is null)
            return SupplierOutput.Echo(item, SupplierErrorTexts.Refusals(edits).Prepend(SupplierErrorTexts.IdRequired));

        var claim = idempotency?.Write.ForItem(index);
        object command = write == SupplierWrite.Create
            ? new RegisterParty(id, edits, actor, claim)
            : new UpdateParty(id, edits, EditMode.AllOrNothing, null, actor, Idempotency: claim);
        var decision = idempotency?.ItemDecision(index)
            ?? await bus.InvokeForTenantAsync<PartyDecision>(caller.OrganizationId, command, cancellation);
        return decision.Status == DecisionStatus.Done
            ? SupplierOutput.Saved(decision.Party!)
            : SupplierOutput.Echo(item, SupplierErrorTexts.Of(decision, item, edits));
    }

    /// <summary>The JSON path of a malformed body without its root, e.g. <c>Suppliers[0].Discount</c>.</summary>
    private static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.") ? path[2..] : path.TrimStart('$');
}
