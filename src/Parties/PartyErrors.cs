using System.Text.Json.Serialization;

namespace Parties;

/// <summary>Why an edit was refused. Codes are the Vendors dialect's where it has one; the other dialects translate.</summary>
public sealed record EditError(string Code, string Message,
    [property: JsonConverter(typeof(EditDetailJson))] object? Detail = null);

/// <summary>The party that already holds a number or a vendor name.</summary>
public sealed record PartyRef(Guid Id, string? Name);

public static class ErrorCodes
{
    public const string DuplicateVendorName = "DUPLICATE_VENDOR_NAME";
    public const string DuplicateNumber = "DUPLICATE_NUMBER";
    public const string UnknownNumber = "UNKNOWN_NUMBER";
    public const string SameValueGiven = "SAME_VALUE_GIVEN";
    public const string InvalidNumber = "INVALID_NUMBER";
    public const string InvalidOwner = "INVALID_OWNER";
    public const string InvalidUserInCommunications = "INVALID_USER_IN_COMMUNICATIONS";
    public const string InvalidTag = "INVALID_TAG";
    public const string InvalidValueId = "INVALID_VALUE_ID";
    public const string InvalidTagType = "INVALID_TAG_TYPE";
    public const string InvalidDateInput = "INVALID_DATE_INPUT";
    public const string UnknownSubType = "UNKNOWN_SUB_TYPE";
    public const string UnknownRole = "UNKNOWN_ROLE";
    public const string InvalidCurrency = "INVALID_CURRENCY";
    public const string InvalidPaymentTerm = "INVALID_PAYMENT_TERM";
    public const string InvalidTaxRule = "INVALID_TAX_RULE";
    public const string InvalidAccount = "INVALID_ACCOUNT";
    public const string InvalidAttributeSet = "INVALID_ATTRIBUTE_SET";
    public const string OutOfRange = "OUT_OF_RANGE";
    public const string TwoDefaults = "TWO_DEFAULTS";
    public const string FieldNotForPartyType = "FIELD_NOT_FOR_PARTY_TYPE";
    public const string InvalidValue = "INVALID_VALUE";
    public const string MissingRole = "MISSING_ROLE";
    public const string AccessDenied = "ACCESS_DENIED";
}
