namespace Parties.Api.Dialects.Suppliers;

/// <summary>A batch item's <c>Errors</c>, in Cin7's words, from what the decision said about its edits.</summary>
public static class SupplierErrorTexts
{
    public const string IdRequired = "Supplier ID is required";
    public const string ItemMissing = "Supplier is empty";

    /// <summary>A supplier the caller may not see (another's, for a member) or a party that is no supplier does not exist.</summary>
    public static IEnumerable<string> Of(PartyDecision decision, SupplierInput input, SupplierEdits edits) =>
        decision.Status is DecisionStatus.NotFound or DecisionStatus.Denied
            ? edits.Refusals.Values.Prepend(SuppliersErrors.SupplierNotFound)
            : decision is { Status: DecisionStatus.Gone, MergedInto: { } survivor }
            ? edits.Refusals.Values.Prepend(SuppliersErrors.MergedText(survivor))
            : decision.Outcomes.Where(o => o.Status == EditStatus.Rejected).Select(o => Text(o, input, edits)).Distinct();

    private static string Text(EditOutcome outcome, SupplierInput input, SupplierEdits edits)
    {
        var error = outcome.Error!;
        return error.Code switch
        {
            ErrorCodes.RefusedOnWire => edits.Refusals[outcome.Key],
            ErrorCodes.DuplicateVendorName => $"Supplier with name '{input.Name}' already exists",
            ErrorCodes.DuplicateNumber => "Supplier with the same number already exists",
            ErrorCodes.DuplicateIdentifier => $"Supplier with tax number '{error.Value}' already exists ({error.Holder?.Id})",
            ErrorCodes.TwoDefaults => "Only one address of each Type can be DefaultForType",
            ErrorCodes.InvalidCurrency => $"Currency '{error.Value}' is not a valid ISO 4217 code",
            ErrorCodes.InvalidPaymentTerm => $"Payment term '{error.Value}' not found or not active",
            ErrorCodes.InvalidTaxRule => $"Tax rule '{error.Value}' not found or not for purchases",
            ErrorCodes.InvalidAccount => $"Account '{error.Value}' not found, not active or not an account payable",
            ErrorCodes.InvalidAttributeSet => $"Attribute set '{error.Value}' not found",
            ErrorCodes.DiscountOutOfRange => "Discount must be between 0 and 100",
            _ => $"{outcome.Key} is not valid",
        };
    }
}
