namespace Parties.Api.Dialects.PartiesApi;

/// <summary>The Parties dialect's words (Django REST Framework's) for the domain's refusals.</summary>
public static class PartiesErrorTexts
{
    public static string Of(EditError error) => error.Code switch
    {
        ErrorCodes.UnknownSubType or ErrorCodes.UnknownRole => $"\"{error.Value}\" is not a valid choice.",
        ErrorCodes.DuplicateNumber => "party with this number already exists.",
        ErrorCodes.DuplicateIdentifier =>
            $"party with this {PartyHistory.FieldName(error.Expected!).Replace('_', ' ')} already exists: {error.Holder?.Id}.",
        ErrorCodes.NumberTwiceInBatch => "This number appears more than once in the batch.",
        ErrorCodes.UnknownNumber => "No party with this number exists.",
        ErrorCodes.FieldNotForPartyType => $"This field is not allowed for {error.Value} parties.",
        ErrorCodes.TwoDefaults => $"Only one default address is allowed per address type ({error.Value}).",
        // The seed's API has no vendor names; a party with the vendor role keeps the one rule every dialect shares.
        ErrorCodes.DuplicateVendorName => "Vendor with the same name already exist",
        ErrorCodes.PartyMerged => $"Party {error.Value} was merged into {error.Holder?.Id}.",
        ErrorCodes.NothingToMerge => "This list may not be empty.",
        ErrorCodes.MergeIntoItself => "A party cannot be merged into itself.",
        ErrorCodes.UnknownParty => $"Invalid pk \"{error.Value}\" - object does not exist.",
        ErrorCodes.NotInMerge => $"Party {error.Value} is neither this party nor one of those absorbed.",
        ErrorCodes.NotMergedHere => $"Party {error.Value} was not merged into this party.",
        _ => "Invalid value.",
    };
}
