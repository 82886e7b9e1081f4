using Parties.Api.Auth;
using Parties.Api.Http;
using Parties.Api.Idempotency;
using Wolverine;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>
/// <c>POST /Suppliers</c> and <c>PUT /Suppliers</c>: up to 100 suppliers, each decided on its own (a refused item is its
/// own <c>Errors</c> and the good items are saved beside it; a later item sees what an earlier one took), all written in
/// one transaction with each item's Idempotency-Key record. The answer is 200 with every item in order, its
/// <c>Errors</c> and <c>OperationStatus</c>, whatever failed (<see cref="SupplierItemFailures"/>).
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
        if (body.Value!.Suppliers is not { } inputs) return Errors.BadRequest("Suppliers", "A list of Suppliers is required.");
        if (inputs.Length > MaxBatch)
            return Errors.BadRequest("Suppliers", $"Up to {MaxBatch} Suppliers can be created/updated in one batch ({inputs.Length} sent).");

        var caller = http.Caller();
        var actor = caller.As(SuppliersErrors.Name, http);
        var idempotency = http.Idempotency();
        var items = inputs.Select((input, index) => SupplierBatchItem.Of(write, input, index, caller, actor, idempotency)).ToArray();
        var toWrite = items.Where(i => i.Command is not null).ToArray();
        var written = toWrite.Length == 0 ? [] : await WriteAsync(write, toWrite, caller, actor, bus, http);
        var answers = toWrite.Zip(written).ToDictionary(w => w.First.Index, w => w.Second);
        return Results.Json(new SupplierBatchOutput([.. items.Select(i => i.Answered ?? answers[i.Index])]), SuppliersJson.Options);
    }

    /// <summary>
    /// The items' answers, in order: decided by one command and written in one transaction. When that transaction fails
    /// (a fault, not a rule: a rule's refusal is its item's answer), nothing of it was written, and the items are written
    /// each in a transaction of its own, so that a fault of one item's rows fails that item alone.
    /// </summary>
    private static async Task<IReadOnlyList<SupplierOutput>> WriteAsync(SupplierWrite write, SupplierBatchItem[] items, Caller caller,
        Actor actor, IMessageBus bus, HttpContext http)
    {
        var cancellation = http.RequestAborted;
        var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WriteSuppliers));
        object command = write == SupplierWrite.Create
            ? new RegisterPartiesEachOnItsOwn([.. items.Select(i => (RegisterParty)i.Command!)], actor)
            : new UpdatePartiesEachOnItsOwn([.. items.Select(i => (UpdateParty)i.Command!)], actor);
        try
        {
            var decisions = await bus.InvokeForTenantAsync<ItemDecisions>(caller.OrganizationId, command, cancellation);
            return [.. items.Select((item, i) => item.Answer(decisions.Items[i]))];
        }
        // A request the client abandoned has no one to answer: it ends here, as it would at any other await.
        catch (Exception failure) when (!cancellation.IsCancellationRequested)
        {
            SupplierItemFailures.LogBatch(log, failure, items.Length);
        }

        var answers = new List<SupplierOutput>(items.Length);
        foreach (var item in items)
        {
            try
            {
                answers.Add(item.Answer(await bus.DecideAsync(caller.OrganizationId, item.Command!, cancellation)));
            }
            catch (Exception failure) when (!cancellation.IsCancellationRequested)
            {
                SupplierItemFailures.Log(log, failure, item.Index);
                answers.Add(item.Failed(failure));
            }
        }
        return answers;
    }

    /// <summary>The JSON path of a malformed body without its root, e.g. <c>Suppliers[0].Discount</c>.</summary>
    private static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.") ? path[2..] : path.TrimStart('$');
}
