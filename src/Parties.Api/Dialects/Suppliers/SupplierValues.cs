namespace Parties.Api.Dialects.Suppliers;

/// <summary><c>Status</c>: Active or Deprecated, the party's <c>active</c> flag.</summary>
public static class SupplierStatus
{
    public const string Active = "Active", Deprecated = "Deprecated";

    public static string Format(bool active) => active ? Active : Deprecated;

    /// <summary>Case-insensitive, as the original reads its enumerations.</summary>
    public static bool TryParse(string text, out bool active)
    {
        active = string.Equals(text, Active, StringComparison.OrdinalIgnoreCase);
        return active || string.Equals(text, Deprecated, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Address <c>Type</c>: Billing, Shipping, or Business (the party's Office address).</summary>
public static class SupplierAddressTypes
{
    public const string Business = "Business";

    /// <summary>Cin7 has three types: the Parties dialect's "other" addresses show as Business too.</summary>
    public static string Format(AddressType type) => type switch
    {
        AddressType.Billing => nameof(AddressType.Billing),
        AddressType.Shipping => nameof(AddressType.Shipping),
        _ => Business,
    };

    public static bool TryParse(string text, out AddressType type)
    {
        (var ok, type) = text.ToLowerInvariant() switch
        {
            "billing" => (true, AddressType.Billing),
            "shipping" => (true, AddressType.Shipping),
            "business" => (true, AddressType.Office),
            _ => (false, AddressType.Other),
        };
        return ok;
    }
}
