using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Parties;

public enum PartyType { Individual, Organization }

public enum AddressType { Billing, Shipping, Office, Other }

public enum PhoneType { Home, Work, OtherMobile, Other }

public enum Locality { Domestic, International }

/// <summary>
/// Everything the store knows about a party, across the three dialects. Immutable: an edit makes a new
/// value, and the difference between two values is what an event records.
/// </summary>
public sealed record PartyData
{
    public string Number { get; init; } = "";
    public PartyType PartyType { get; init; }
    public string? SubType { get; init; }

    /// <summary>Built-in roles (customer, vendor, employee, other) and custom role codenames, sorted.</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>Display name: the legal name of an organization, "first last" of an individual unless set apart.</summary>
    public string? Name { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? NationalCode { get; init; }
    public string? EconomicCode { get; init; }
    public string? RegistrationNumber { get; init; }

    public string? Mobile { get; init; }
    /// <summary>The mobile number in E.164, derived with the organization's default country.</summary>
    public string? MobileE164 { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Notes { get; init; }

    public string? OwnerId { get; init; }
    public Locality? Locality { get; init; }
    public Communications Communications { get; init; } = Communications.None;
    public ImmutableSortedDictionary<string, CustomFieldValue> CustomFields { get; init; } =
        ImmutableSortedDictionary<string, CustomFieldValue>.Empty;

    public ImmutableArray<Address> Addresses { get; init; } = [];
    public ImmutableArray<PartyPhone> Phones { get; init; } = [];
    public ImmutableArray<Contact> Contacts { get; init; } = [];

    public string? Currency { get; init; }
    public string? PaymentTerm { get; init; }
    public string? TaxRule { get; init; }
    public decimal? Discount { get; init; }
    public string? AccountPayable { get; init; }
    public string? AttributeSet { get; init; }
    public ImmutableArray<string?> AdditionalAttributes { get; init; } = [];

    public bool Active { get; init; } = true;

    /// <summary>The party's personal data was erased (<see cref="PartyErased"/>); later writes may hold new values.
    /// Not a field of <see cref="PartyFields"/>: no write sets it, and stored data leaves it out while false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Erased { get; init; }

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>Lower-cased name of a vendor, unique per organization; null for parties that are not vendors.</summary>
    [JsonIgnore]
    public string? VendorNameKey => HasRole(Parties.Roles.Vendor) ? Party.Normalize(Name) : null;

    /// <summary>The main address: the default billing one, else the first; null when there is none.</summary>
    [JsonIgnore]
    public Address? MainAddress =>
        Addresses.FirstOrDefault(a => a is { IsDefault: true, AddressType: AddressType.Billing }) ?? Addresses.FirstOrDefault();

    /// <summary>An individual's display name made of first and last name ("" when both are blank).</summary>
    public static string FullName(string? firstName, string? lastName) =>
        string.Join(' ', new[] { firstName, lastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
}

public sealed record Address
{
    public AddressType AddressType { get; init; } = AddressType.Billing;
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
    public bool IsDefault { get; init; }
    public bool IsActive { get; init; } = true;
}

public sealed record PartyPhone(PhoneType PhoneType, string Phone);

public sealed record Contact
{
    public string Name { get; init; } = "";
    public string? Phone { get; init; }
    public string? MobilePhone { get; init; }
    public string? JobTitle { get; init; }
    public string? Fax { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }
    public bool Default { get; init; }
    public string? Comment { get; init; }
}

public sealed record Communications(ImmutableArray<string> To, ImmutableArray<string> Cc, ImmutableArray<string> Bcc)
{
    public static readonly Communications None = new([], [], []);
}

/// <summary>A flex-field value: text, a YYYY-MM-DD date, a dropdown option id, or a number, as text.</summary>
public sealed record CustomFieldValue(FlexFieldType Type, string Value);

public enum FlexFieldType
{
    [JsonStringEnumMemberName("VARCHAR")] Varchar,
    [JsonStringEnumMemberName("DATETIME")] Datetime,
    [JsonStringEnumMemberName("DROPDOWN")] Dropdown,
    [JsonStringEnumMemberName("NUMERIC")] Numeric,
}
