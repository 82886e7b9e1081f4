namespace Parties.Api.Dialects.Vendors;

/// <summary>The Vendors dialect's words for the domain's refusals: its own error code and message for each.</summary>
public static class VendorErrorTexts
{
    public static VendorsErrorBody Of(EditError error) => error.Code switch
    {
        ErrorCodes.DuplicateVendorName => new("DUPLICATE_VENDOR_NAME", "Vendor with the same name already exist"),
        ErrorCodes.DuplicateNumber => new("DUPLICATE_NUMBER", "Vendor with the same number already exist"),
        ErrorCodes.DuplicateIdentifier => new("DUPLICATE_VENDOR_IDENTIFIER",
            $"Vendor with the same {(error.Expected == PartyFields.EconomicCode.Name ? "GST number" : error.Expected == PartyFields.NationalCode.Name ? "PAN number" : "identifier")} already exist"),
        ErrorCodes.InvalidPhone => new("INVALID_NUMBER", "Phone number must be in the format +{country_code}{number}"),
        ErrorCodes.InvalidOwner => new("INVALID_OWNER", "Owner not found in the organization"),
        ErrorCodes.InvalidUserInCommunications =>
            new("INVALID_USER_IN_COMMUNICATIONS", "ERROR_CODE INVALID_USER_IN_COMMUNICATIONS not found"),
        ErrorCodes.InvalidTag => new("INVALID_TAG", "Invalid tag key"),
        ErrorCodes.InvalidTagType => new("INVALID_TAG_TYPE", $"Tag type is of '{error.Expected}' but received {error.Value}"),
        ErrorCodes.NotANumber => new("INVALID_TAG_TYPE", $"Tag type is of '{error.Expected}' but received a value that is not a number"),
        ErrorCodes.InvalidDateInput => new("INVALID_DATE_INPUT", "Date must be in YYYY-MM-DD format"),
        ErrorCodes.InvalidValueId => new("INVALID_VALUE_ID", "Invalid value id for the tag"),
        ErrorCodes.InvalidPaymentTerm => new("INVALID_PAYMENT_TERM", $"Payment term '{error.Value}' not found or not active"),
        _ => new(error.Code, "Invalid value"),
    };

    /// <summary>A field sent with the value it already has: the Vendors PATCH reports it rather than skipping it.</summary>
    public static VendorsErrorBody SameValueGiven(string field) =>
        new("SAME_VALUE_GIVEN", $"{(field.Length == 0 ? field : char.ToUpperInvariant(field[0]) + field[1..])} is same as the current one");
}
