using System.Globalization;
using Parties.Reference;

namespace Parties.Api.Dialects.Vendors;

public sealed record VendorAddress(string? AddressLine1, string? AddressLine2, string? City, string? State, string? ZipCode,
    string? PinCode, string? Country, string? Locality);

public sealed record VendorCommunications(IReadOnlyList<string> To, IReadOnlyList<string> Cc, IReadOnlyList<string> Bcc);

public sealed record VendorCustomField(string Type, object Value);

public sealed record VendorDetails(Guid Id, string? Name, string? Email, string? Phone, string? GstNumber, string? PanNumber,
    DateTimeOffset DateCreated, string? OwnerId, string? OwnerName, string? Currency, string? Locality, VendorAddress? Address,
    VendorCommunications Communications, IReadOnlyDictionary<string, VendorCustomField> CustomFields, string? PaymentTerms, bool IsErased);

public sealed record VendorListItem(Guid Id, string? Name, string? GstNumber, string? PanNumber, DateTimeOffset DateCreated,
    string? Email, string? OwnerId, string? OwnerName);

/// <summary>A party as the Vendors dialect shows it: gstNumber is the economic code, panNumber the national code.</summary>
public static class VendorOutput
{
    public static VendorDetails Details(Party party, ReferenceData reference)
    {
        var d = party.Data;
        return new VendorDetails(party.Id, d.Name, d.Email, d.Phone, d.EconomicCode, d.NationalCode, party.CreatedAt, d.OwnerId,
            OwnerName(d.OwnerId, reference), d.Currency, Locality(d.Locality), Address(d.MainAddress, d.Locality),
            Communications(d.Communications), CustomFields(d.CustomFields), d.PaymentTerm, d.Erased);
    }

    public static VendorListItem ListItem(Party party, ReferenceData reference) =>
        new(party.Id, party.Data.Name, party.Data.EconomicCode, party.Data.NationalCode, party.CreatedAt, party.Data.Email,
            party.Data.OwnerId, OwnerName(party.Data.OwnerId, reference));

    public static string? OwnerName(string? userId, ReferenceData reference) =>
        userId is not null && reference.Users.TryGetValue(userId, out var user) ? user.Name : null;

    public static string? Locality(Locality? locality) => locality?.ToString().ToUpperInvariant();

    /// <summary>The party's main address (the one the dialect's PATCH merges into), as the dialect shows it.</summary>
    public static VendorAddress? Address(Address? main, Locality? locality) => main is null
        ? null
        : new VendorAddress(main.Line1, main.Line2, main.City, main.State, main.PostalCode, main.PostalCode, main.Country,
            Locality(locality));

    public static VendorCommunications Communications(Communications c) => new(c.To, c.Cc, c.Bcc);

    public static IReadOnlyDictionary<string, VendorCustomField> CustomFields(IReadOnlyDictionary<string, CustomFieldValue> fields) =>
        fields.ToDictionary(f => f.Key, f => new VendorCustomField(FlexFieldTypes.Name(f.Value.Type), FlexValue(f.Value)));

    private static object FlexValue(CustomFieldValue value) =>
        value.Type == FlexFieldType.Numeric && decimal.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : value.Value;
}
