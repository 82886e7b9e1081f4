namespace Parties.Api.Dialects.PartiesApi;

/// <summary>The Parties dialect's words (Django REST Framework's) for the domain's refusals.</summary>
public static class PartiesErrorTexts
{
    public static string Of(EditError error) => error.Code switch
    {
        ErrorCodes.UnknownSubType or ErrorCodes.UnknownRole => $"\"{error.Value}\" is not a valid choice.",
        ErrorCodes.DuplicateNumber => "party with this number already exists.",
        ErrorCodes.NumberTwiceInBatch => "This number appears more than once in the batch.",
        ErrorCodes.UnknownNumber => "No party with this number exists.",
        ErrorCodes.FieldNotForPartyType => $"This field is not allowed for {error.Value} parties.",
        ErrorCodes.TwoDefaults => $"Only one default address is allowed per address type ({error.Value}).",
        // The seed's API has no vendor names; a party with the vendor role keeps the one rule every dialect shares.
        ErrorCodes.DuplicateVendorName => "Vendor with the same name already exist",
        _ => "Invalid value.",
    };
}
