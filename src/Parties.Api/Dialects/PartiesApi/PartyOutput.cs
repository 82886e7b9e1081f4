using System.Text.Json.Serialization;
using Parties.Api.Http;

namespace Parties.Api.Dialects.PartiesApi;

public sealed record AddressOutput(string AddressType, string? City, string? Address, string? PostalCode, bool IsDefault, bool IsActive);

public sealed record PhoneOutput(string PhoneType, string Phone);

/// <summary>
/// A party as the Parties dialect shows it. The type-specific fields are present only for their type
/// (an unset <see cref="Optional{T}"/> is left out; a set one is written, null included).
/// </summary>
public sealed record PartyResource
{
    public Guid Id { get; init; }
    public string Number { get; init; } = "";
    public string PartyType { get; init; } = "";
    public string? SubType { get; init; }
    public string Role { get; init; } = RoleText.None;
    public IReadOnlyList<string> Roles { get; init; } = [];
    public string? Mobile { get; init; }
    public IReadOnlyList<AddressOutput> Addresses { get; init; } = [];
    public IReadOnlyList<PhoneOutput> Phones { get; init; } = [];
    public string? Notes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public Optional<string> FirstName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public Optional<string> LastName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public Optional<string> LegalName { get; init; }
    public string? NationalCode { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public Optional<string> EconomicCode { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public Optional<string> RegistrationNumber { get; init; }
    public bool IsActive { get; init; }
    /// <summary>The person's personal data was erased; values written since are new ones.</summary>
    public bool IsErased { get; init; }
    public int Version { get; init; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Modified { get; init; }
}

public static class PartyOutput
{
    public static PartyResource From(PartySnapshot party)
    {
        var d = party.Data;
        var individual = d.PartyType == PartyType.Individual;
        return new PartyResource
        {
            Id = party.Id,
            Number = d.Number,
            PartyType = individual ? "individual" : "organization",
            SubType = d.SubType,
            Role = RoleText.Format(d.Roles),
            Roles = d.Roles,
            Mobile = d.Mobile,
            Addresses = d.Addresses.Select(a => new AddressOutput(
                AddressTypes.Format(a.AddressType), a.City, a.Line1, a.PostalCode, a.IsDefault, a.IsActive)).ToList(),
            Phones = d.Phones.Select(p => new PhoneOutput(PhoneTypes.Format(p.PhoneType), p.Phone)).ToList(),
            Notes = d.Notes,
            FirstName = individual ? d.FirstName : default(Optional<string>),
            LastName = individual ? d.LastName : default(Optional<string>),
            LegalName = individual ? default(Optional<string>) : d.Name,
            NationalCode = d.NationalCode,
            EconomicCode = individual ? default(Optional<string>) : d.EconomicCode,
            RegistrationNumber = individual ? default(Optional<string>) : d.RegistrationNumber,
            IsActive = d.Active,
            IsErased = d.Erased,
            Version = party.Version,
            Created = party.CreatedAt,
            Modified = party.ModifiedAt,
        };
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
