using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Parties.Api.Auth;
using Parties.Api.Http;
using Parties.Api.Idempotency;
using Wolverine;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary>
/// <c>POST|PUT|PATCH /api/parties/bulk/</c>: a JSON array of parties written atomically. The first invalid item
/// is reported DRF list style, one entry per item up to it: <c>[{}, {"number": ["…"]}]</c>; nothing is written.
/// </summary>
public static partial class BulkParties
{
    public const int MaxItems = 1000;

    public static Task<IResult> Create(HttpContext http, IMessageBus bus) =>
        http.ReplayOr<BulkDecision>(decision => Respond(decision, StatusCodes.Status201Created), () => CreateAsync(http, bus));

    public static Task<IResult> Update(WriteKind kind, HttpContext http, IMessageBus bus) =>
        http.ReplayOr<BulkDecision>(decision => Respond(decision, StatusCodes.Status200OK), () => UpdateAsync(kind, http, bus));

    private static async Task<IResult> CreateAsync(HttpContext http, IMessageBus bus)
    {
        var (inputs, error) = await ReadAsync(http.Request);
        if (error is not null) return error;

        var items = ImmutableArray.CreateBuilder<NewParty>(inputs!.Length);
        for (var index = 0; index < inputs.Length; index++)
        {
            var (edits, errors) = PartyInputMapping.ToEdits(inputs[index], WriteKind.Create);
            if (errors.Count > 0) return ItemErrors(index, errors);
            items.Add(new NewParty(Guid.CreateVersion7(), edits));
        }
        if (items.Count == 0) return Respond(new BulkDecision([], null), StatusCodes.Status201Created);

        var caller = http.Caller();
        var command = new RegisterParties(items.MoveToImmutable(), caller.As(PartiesErrors.Name, http), http.IdempotentWrite());
        return Respond(await bus.InvokeForTenantAsync<BulkDecision>(caller.OrganizationId, command, http.RequestAborted),
            StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(WriteKind kind, HttpContext http, IMessageBus bus)
    {
        var (inputs, error) = await ReadAsync(http.Request);
        if (error is not null) return error;

        var items = ImmutableArray.CreateBuilder<PartyUpdate>(inputs!.Length);
        for (var index = 0; index < inputs.Length; index++)
        {
            var input = inputs[index];
            if (!input.Number.IsSet || string.IsNullOrWhiteSpace(input.Number.Value))
                return ItemErrors(index, Field("number", input.Number.IsSet && input.Number.Value is null
                    ? "This field may not be null." : "This field is required."));
            var (edits, errors) = PartyInputMapping.ToEdits(input, kind);
            if (errors.Count > 0) return ItemErrors(index, errors);
            items.Add(new PartyUpdate(input.Number.Value.Trim(), edits));
        }
        if (items.Count == 0) return Respond(new BulkDecision([], null), StatusCodes.Status200OK);

        var caller = http.Caller();
        var command = new UpdateParties(items.MoveToImmutable(), caller.As(PartiesErrors.Name, http), http.IdempotentWrite());
        return Respond(await bus.InvokeForTenantAsync<BulkDecision>(caller.OrganizationId, command, http.RequestAborted),
            StatusCodes.Status200OK);
    }

    private static async Task<(PartyInput[]?, IResult?)> ReadAsync(HttpRequest request)
    {
        var body = await JsonBody<PartyInput?[]>.ReadAsync(request, PartiesJson.Options);
        if (!body.IsValid)
        {
            var item = ItemPath().Match(body.ErrorPath ?? "");
            return (null, item.Success
                ? ItemErrors(int.Parse(item.Groups[1].Value),
                    Field(item.Groups[2].Value is { Length: > 0 } field ? field : "non_field_errors",
                        item.Groups[2].Value.Length > 0 ? body.ErrorMessage! : "Invalid data. Expected a dictionary."))
                : PartiesErrors.Instance.BadRequest("non_field_errors", $"{body.ErrorMessage} Expected a list of items."));
        }
        var inputs = body.Value!;
        if (inputs.Length > MaxItems)
            return (null, PartiesErrors.Instance.BadRequest("non_field_errors", $"Ensure this list has no more than {MaxItems} items."));
        var nullItem = Array.IndexOf(inputs, null);
        if (nullItem >= 0) return (null, ItemErrors(nullItem, Field("non_field_errors", "This field may not be null.")));
        return (inputs.Select(i => i!).ToArray(), null);
    }

    private static IResult Respond(BulkDecision decision, int status)
    {
        if (decision.Failure is { } failure) return ItemErrors(failure.Index, Field(failure.Key, PartiesErrorTexts.Of(failure.Error)));
        var parties = decision.Parties.Select(PartyOutput.From).ToList();
        return Results.Json(parties, PartiesJson.Options, statusCode: status);
    }

    private static Dictionary<string, string[]> Field(string field, string message) => new() { [field] = [message] };

    /// <summary>DRF's list errors: an entry per item, empty for the ones before the first invalid item.</summary>
    private static IResult ItemErrors(int index, IReadOnlyDictionary<string, string[]> errors)
    {
        var list = Enumerable.Range(0, index).Select(_ => (IReadOnlyDictionary<string, string[]>)new Dictionary<string, string[]>())
            .Append(errors).ToList();
        return Results.Json(list, PartiesJson.Options, statusCode: StatusCodes.Status400BadRequest);
    }

    // $[3].addresses[0].city -> item 3, field addresses[0].city
    [GeneratedRegex(@"^\$\[(\d+)\]\.?(.*)$")]
    private static partial Regex ItemPath();
}
