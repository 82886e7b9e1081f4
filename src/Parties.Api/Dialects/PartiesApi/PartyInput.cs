using Parties.Api.Http;

namespace Parties.Api.Dialects.PartiesApi;

/// <summary>A party as the Parties dialect writes it. Absent properties stay unset (PATCH leaves them alone).</summary>
public sealed record PartyInput
{
    public Optional<string> Number { get; init; }
    public Optional<string> PartyType { get; init; }
    public Optional<string> SubType { get; init; }
    public Optional<string> Role { get; init; }
    public Optional<string[]> Roles { get; init; }
    public Optional<string> Mobile { get; init; }
    public Optional<AddressInput[]> Addresses { get; init; }
    public Optional<PhoneInput[]> Phones { get; init; }
    public Optional<string> Notes { get; init; }
    public Optional<string> FirstName { get; init; }
    public Optional<string> LastName { get; init; }
    public Optional<string> NationalCode { get; init; }
    public Optional<string> LegalName { get; init; }
    public Optional<string> EconomicCode { get; init; }
    public Optional<string> RegistrationNumber { get; init; }
    public Optional<bool?> IsActive { get; init; }
}

public sealed record AddressInput
{
    public string? AddressType { get; init; }
    public string? City { get; init; }
    public string? Address { get; init; }
    public string? PostalCode { get; init; }
    public bool? IsDefault { get; init; }
    public bool? IsActive { get; init; }
}

public sealed record PhoneInput
{
    public string? PhoneType { get; init; }
    public string? Phone { get; init; }
}
