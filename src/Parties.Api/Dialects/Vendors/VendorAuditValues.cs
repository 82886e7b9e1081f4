using System.Collections.Immutable;
using System.Text.Json;

namespace Parties.Api.Dialects.Vendors;

/// <summary>
/// A recorded field change as the Vendors dialect names and shows it: the party field's name in UPPER_SNAKE
/// (the dialect's own name where it has one) and its values in the dialect's shapes.
/// </summary>
public static class VendorAuditValues
{
    private static readonly Dictionary<string, string> DialectNames = new()
    {
        ["addresses"] = "ADDRESS",
        ["ownerId"] = "OWNER",
        ["economicCode"] = "GST_NUMBER",
        ["nationalCode"] = "PAN_NUMBER",
        ["paymentTerm"] = "PAYMENT_TERMS",
    };

    public static string FieldType(string field) => DialectNames.GetValueOrDefault(field) ?? UpperSnake(field);

    public static object? Value(string field, JsonElement? value)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } json) return null;
        return field switch
        {
            "addresses" => VendorOutput.Address(new PartyData { Addresses = Read<ImmutableArray<Address>>(json) }.MainAddress, null),
            "customFields" => VendorOutput.CustomFields(Read<ImmutableSortedDictionary<string, CustomFieldValue>>(json)),
            "locality" => VendorOutput.Locality(Read<Locality?>(json)),
            _ => json,
        };
    }

    private static T Read<T>(JsonElement json) => json.Deserialize<T>(DomainJson.Options)!;

    private static string UpperSnake(string camel) =>
        string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 && !char.IsUpper(camel[i - 1]) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
