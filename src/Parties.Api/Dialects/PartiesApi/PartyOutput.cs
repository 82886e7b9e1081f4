namespace Parties.Api.Dialects.PartiesApi;

public sealed record AddressOutput(string AddressType, string? City, string? Address, string? PostalCode, bool IsDefault, bool IsActive);

public sealed record PhoneOutput(string PhoneType, string Phone);

/// <summary>A party as the Parties dialect shows it; the type-specific fields follow the party's type.</summary>
public static class PartyOutput
{
    public static Dictionary<string, object?> From(PartySnapshot party)
    {
        var d = party.Data;
        var output = new Dictionary<string, object?>
        {
            ["id"] = party.Id,
            ["number"] = d.Number,
            ["party_type"] = d.PartyType == PartyType.Individual ? "individual" : "organization",
            ["sub_type"] = d.SubType,
            ["role"] = RoleText.Format(d.Roles),
            ["roles"] = d.Roles,
            ["mobile"] = d.Mobile,
            ["addresses"] = d.Addresses.Select(a => new AddressOutput(
                AddressTypes.Format(a.AddressType), a.City, a.Line1, a.PostalCode, a.IsDefault, a.IsActive)),
            ["phones"] = d.Phones.Select(p => new PhoneOutput(PhoneTypes.Format(p.PhoneType), p.Phone)),
            ["notes"] = d.Notes,
        };
        if (d.PartyType == PartyType.Individual)
        {
            output["first_name"] = d.FirstName;
            output["last_name"] = d.LastName;
            output["national_code"] = d.NationalCode;
        }
        else
        {
            output["legal_name"] = d.Name;
            output["national_code"] = d.NationalCode;
            output["economic_code"] = d.EconomicCode;
            output["registration_number"] = d.RegistrationNumber;
        }
        output["is_active"] = d.Active;
        output["version"] = party.Version;
        output["created"] = party.CreatedAt;
        output["modified"] = party.ModifiedAt;
        return output;
    }
}

public static class AddressTypes
{
    public static string Format(AddressType type) => type.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out AddressType type)
    {
        type = AddressType.Billing;
        return text is "billing" or "shipping" or "office" or "other" && Enum.TryParse(text, true, out type);
    }
}

public static class PhoneTypes
{
    public static string Format(PhoneType type) => type switch
    {
        PhoneType.Home => "home",
        PhoneType.Work => "work",
        PhoneType.OtherMobile => "other_mobile",
        _ => "other",
    };

    public static bool TryParse(string? text, out PhoneType type)
    {
        (var ok, type) = text switch
        {
            "home" => (true, PhoneType.Home),
            "work" => (true, PhoneType.Work),
            "other_mobile" => (true, PhoneType.OtherMobile),
            "other" or null => (true, PhoneType.Other),
            _ => (false, PhoneType.Other),
        };
        return ok;
    }
}
