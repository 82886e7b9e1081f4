using System.Collections.Immutable;
using Parties.Api.Auth;
using Parties.Api.Http;
using Parties.Api.Idempotency;
using Wolverine;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>
/// <c>POST /Suppliers</c> and <c>PUT /Suppliers</c>: up to 100 suppliers, each decided and written on its own
/// (its own command, its own transaction), so good items are saved beside failed ones. The answer is 200 with
/// every item in order, its <c>Errors</c> and <c>OperationStatus</c>, whatever failed (<see cref="SupplierItemFailures"/>).
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
        var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WriteSuppliers));
        var answers = new List<SupplierOutput>(items.Length);
        // One after another, in order: a later item sees what an earlier one wrote (two items with one name).
        for (var index = 0; index < items.Length; index++)
            answers.Add(await WriteOne(write, items[index], caller, actor, bus, http.RequestAborted, idempotency, index, log));
        return Results.Json(new SupplierBatchOutput(answers), SuppliersJson.Options);
    }

    private static async Task<SupplierOutput> WriteOne(SupplierWrite write, SupplierInput? item, Caller caller, Actor actor,
        IMessageBus bus, CancellationToken cancellation, IdempotencyKeys.IdempotentRequest? idempotency, int index, ILogger log)
    {
        if (item is null) return SupplierOutput.Echo(null, [SupplierErrorTexts.ItemMissing]);
        var id = write == SupplierWrite.Create ? Guid.CreateVersion7() : item.ID ?? Guid.Empty;
        var edits = SupplierInputMapping.ToEdits(item, write, id, caller.UserId);
        if (write == SupplierWrite.Update && item.ID is null)
            return SupplierOutput.Echo(item, edits.Refusals.Values.Prepend(SupplierErrorTexts.IdRequired));

        var claim = idempotency?.Write.ForItem(index);
        // An update goes through the vendor policy: a member changes only its own suppliers, and a party that is no
        // supplier does not exist for this dialect.
        object command = write == SupplierWrite.Create
            ? new RegisterParty(id, edits.Edits, actor, claim)
            : new UpdateParty(id, edits.Edits, EditMode.AllOrNothing, null, actor, caller.AsVendorCaller(), claim);
        PartyDecision decision;
        try
        {
            decision = idempotency?.ItemDecision(index) ?? await bus.DecideAsync(caller.OrganizationId, command, cancellation);
        }
        // A request the client abandoned has no one to answer: it ends here, as it would at any other await.
        catch (Exception failure) when (!cancellation.IsCancellationRequested)
        {
            SupplierItemFailures.Log(log, failure, index);
            return SupplierOutput.Echo(item, [SupplierItemFailures.Text(failure)]);
        }
        return decision.Status == DecisionStatus.Done
            ? SupplierOutput.Saved(decision.Party!)
            : SupplierOutput.Echo(item, SupplierErrorTexts.Of(decision, item, edits));
    }

    /// <summary>The JSON path of a malformed body without its root, e.g. <c>Suppliers[0].Discount</c>.</summary>
    private static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.") ? path[2..] : path.TrimStart('$');
}
