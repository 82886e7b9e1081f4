namespace Parties;

/// <summary>
/// Why an edit was refused: a code and the facts a dialect needs to word it (its own texts, in its own table).
/// Stored with an idempotent decision, so every detail is a plain typed value that JSON keeps as it is.
/// </summary>
/// <param name="Value">The offending value, as sent (an unknown role, a currency, a party type).</param>
/// <param name="Expected">What was expected instead, where the rule knows it (a flex field's declared type).</param>
/// <param name="Holder">The party that already holds a number or a vendor name.</param>
/// <param name="Values">Several offending values at once (user ids unknown to the organization).</param>
public sealed record EditError(string Code, string? Value = null, string? Expected = null, PartyRef? Holder = null,
    IReadOnlyList<string>? Values = null);

/// <summary>A party named in an answer: the holder of a number or a vendor name.</summary>
public sealed record PartyRef(Guid Id, string? Name);

/// <summary>The domain's reasons for refusing an edit. Each dialect words them in its own error table.</summary>
public static class ErrorCodes
{
    public const string DuplicateVendorName = "DUPLICATE_VENDOR_NAME";
    public const string DuplicateNumber = "DUPLICATE_NUMBER";
    /// <summary>Another active party holds this national code, economic code or registration number (when the
    /// organization's settings keep them unique); the holder is named.</summary>
    public const string DuplicateIdentifier = "DUPLICATE_IDENTIFIER";
    public const string NumberTwiceInBatch = "NUMBER_TWICE_IN_BATCH";
    public const string UnknownNumber = "UNKNOWN_NUMBER";
    public const string InvalidPhone = "INVALID_PHONE";
    public const string InvalidOwner = "INVALID_OWNER";
    public const string InvalidUserInCommunications = "INVALID_USER_IN_COMMUNICATIONS";
    public const string InvalidTag = "INVALID_TAG";
    public const string InvalidValueId = "INVALID_VALUE_ID";
    public const string InvalidTagType = "INVALID_TAG_TYPE";
    public const string NotANumber = "NOT_A_NUMBER";
    public const string InvalidDateInput = "INVALID_DATE_INPUT";
    public const string UnknownSubType = "UNKNOWN_SUB_TYPE";
    public const string UnknownRole = "UNKNOWN_ROLE";
    public const string InvalidCurrency = "INVALID_CURRENCY";
    public const string InvalidPaymentTerm = "INVALID_PAYMENT_TERM";
    public const string InvalidTaxRule = "INVALID_TAX_RULE";
    public const string InvalidAccount = "INVALID_ACCOUNT";
    public const string InvalidAttributeSet = "INVALID_ATTRIBUTE_SET";
    public const string DiscountOutOfRange = "DISCOUNT_OUT_OF_RANGE";
    public const string TwoDefaults = "TWO_DEFAULTS";
    public const string FieldNotForPartyType = "FIELD_NOT_FOR_PARTY_TYPE";
    /// <summary>The party was merged into another (the holder): it answers only where it went.</summary>
    public const string PartyMerged = "PARTY_MERGED";
    public const string NothingToMerge = "NOTHING_TO_MERGE";
    public const string MergeIntoItself = "MERGE_INTO_ITSELF";
    public const string UnknownParty = "UNKNOWN_PARTY";
    public const string NotInMerge = "NOT_IN_MERGE";
    public const string NotPreferable = "NOT_PREFERABLE";
    public const string NotMergedHere = "NOT_MERGED_HERE";

    /// <summary>The dialect refused the value on the wire; it words the refusal itself, by the edit's key.</summary>
    public const string RefusedOnWire = "REFUSED_ON_WIRE";
}
