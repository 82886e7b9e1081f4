using System.Collections.Immutable;

namespace Parties.Api.Dialects.Suppliers;

/// <summary>A batch item's <c>Errors</c>, in Cin7's words, from what the decision said about its edits.</summary>
public static class SupplierErrorTexts
{
    public const string IdRequired = "Supplier ID is required";
    public const string ItemMissing = "Supplier is empty";

    public static IEnumerable<string> Of(PartyDecision decision, SupplierInput input, ImmutableArray<PartyEdit> edits) =>
        decision.Status == DecisionStatus.NotFound
            ? Refusals(edits).Prepend(SuppliersErrors.SupplierNotFound)
            : decision.Outcomes.Where(o => o.Status == EditStatus.Rejected).Select(o => Text(o.Error!, input)).Distinct();

    /// <summary>What the dialect itself refused, for items that never reach a decision.</summary>
    public static IEnumerable<string> Refusals(ImmutableArray<PartyEdit> edits) => edits.OfType<RefuseValue>().Select(r => r.Message);

    private static string Text(EditError error, SupplierInput input) => error.Code switch
    {
        ErrorCodes.DuplicateVendorName => $"Supplier with name '{input.Name}' already exists",
        ErrorCodes.MissingRole or ErrorCodes.AccessDenied => SuppliersErrors.SupplierNotFound,
        ErrorCodes.TwoDefaults => "Only one address of each Type can be DefaultForType",
        _ => error.Message,
    };
}
