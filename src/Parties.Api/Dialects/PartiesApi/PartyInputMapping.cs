using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Parties.Api.Http;

namespace Parties.Api.Dialects.PartiesApi;

public enum WriteKind { Create, Replace, Patch }

/// <summary>
/// Turns the dialect's JSON into party edits, checking the wire contract on the way (required fields,
/// lengths, choices); the business rules (uniqueness, reference data, party type) are the domain's.
/// </summary>
public static partial class PartyInputMapping
{
    public const int NumberLength = 50, NameLength = 255, CodeLength = 50, NotesLength = 2000, PhoneLength = 32;
    public const int CityLength = 100, AddressLength = 500, PostalCodeLength = 20;

    /// <summary>What <c>DELETE /api/parties/{id}/</c> asks for.</summary>
    public static readonly PartyEdit Delete = new Deactivate(IsActive);

    private const string IsActive = "is_active";

    public static (ImmutableArray<PartyEdit> Edits, Dictionary<string, string[]> Errors) ToEdits(PartyInput input, WriteKind kind)
    {
        var errors = new Dictionary<string, string[]>();
        var edits = ImmutableArray.CreateBuilder<PartyEdit>();
        var full = kind != WriteKind.Patch;

        void Error(string field, string message) => errors.TryAdd(field, [message]);

        string? Text(string field, Optional<string> value, int max, bool required = false)
        {
            if (!value.IsSet || value.Value is null)
            {
                if (required && full) Error(field, value.IsSet ? "This field may not be null." : "This field is required.");
                return null;
            }
            if (required && value.Value.Trim().Length == 0) Error(field, "This field may not be blank.");
            else if (value.Value.Length > max) Error(field, $"Ensure this field has no more than {max} characters.");
            return value.Value;
        }

        // party_type goes first: the type-specific fields after it are checked against the resulting type.
        PartyType? partyType = null;
        var typeText = Text("party_type", input.PartyType, 20, required: true);
        if (typeText is not null)
        {
            partyType = typeText switch { "individual" => PartyType.Individual, "organization" => PartyType.Organization, _ => null };
            if (partyType is null) Error("party_type", $"\"{typeText}\" is not a valid choice.");
            else edits.Add(new SetPartyType("party_type", partyType.Value));
        }

        var number = Text("number", input.Number, NumberLength, required: true);
        if (number is not null && !errors.ContainsKey("number")) edits.Add(new SetNumber("number", number.Trim()));

        if (input.SubType.IsSet || full)
            edits.Add(new SetSubType("sub_type", Text("sub_type", input.SubType, CodeLength) is { Length: > 0 } s ? s : null));

        if (input.Role.IsSet || (kind == WriteKind.Create && !input.Roles.IsSet))
        {
            var role = Text("role", input.Role, 100) ?? RoleText.None;
            if (RoleText.TryParse(role, out var roles)) edits.Add(new SetBuiltInRoles("role", roles));
            else Error("role", $"\"{role}\" is not a valid choice.");
        }
        if (input.Roles.IsSet)
        {
            if (input.Roles.Value is null || input.Roles.Value.Any(string.IsNullOrWhiteSpace)) Error("roles", "Expected a list of role codenames.");
            else edits.Add(new SetAllRoles("roles", [.. input.Roles.Value]));
        }

        if (input.Mobile.IsSet || full)
        {
            var mobile = Text("mobile", input.Mobile, PhoneLength);
            if (mobile is { Length: > 0 } && !PhoneForm().IsMatch(mobile)) Error("mobile", "Enter a valid phone number.");
            else edits.Add(new SetMobile("mobile", string.IsNullOrEmpty(mobile) ? null : mobile));
        }
        if (input.Notes.IsSet || full) edits.Add(Set("notes", PartyFields.Notes, Text("notes", input.Notes, NotesLength)));

        // national_code belongs to both types; its form only (the seed's own example fails the Iranian checksum).
        if (input.NationalCode.IsSet || full)
        {
            var code = Text("national_code", input.NationalCode, CodeLength);
            if (code is { Length: > 0 } && !CodeForm().IsMatch(code)) Error("national_code", "Enter a valid national code: digits only.");
            else edits.Add(Set("national_code", PartyFields.NationalCode, code));
        }

        TypeSpecific(PartyType.Individual, "first_name", input.FirstName, NameLength, v => Set("first_name", PartyFields.FirstName, v));
        TypeSpecific(PartyType.Individual, "last_name", input.LastName, NameLength, v => Set("last_name", PartyFields.LastName, v));
        TypeSpecific(PartyType.Organization, "legal_name", input.LegalName, NameLength, v => new SetName("legal_name", v));
        TypeSpecific(PartyType.Organization, "economic_code", input.EconomicCode, CodeLength, v => Set("economic_code", PartyFields.EconomicCode, v));
        TypeSpecific(PartyType.Organization, "registration_number", input.RegistrationNumber, CodeLength,
            v => Set("registration_number", PartyFields.RegistrationNumber, v));

        // Not a content field: a full write without it leaves the party's activity as it is.
        if (input.IsActive.IsSet)
        {
            if (input.IsActive.Value is not { } active) Error(IsActive, "This field may not be null.");
            else edits.Add(active ? new Reactivate(IsActive) : new Deactivate(IsActive));
        }

        if (input.Addresses.IsSet || full) AddAddresses(input.Addresses.Value ?? [], edits, Error);
        if (input.Phones.IsSet || full) AddPhones(input.Phones.Value ?? [], edits, Error);

        return (edits.ToImmutable(), errors);

        // A field of one party type: checked against the resulting type; a full write clears the other type's.
        void TypeSpecific(PartyType owner, string field, Optional<string> value, int max, Func<string?, PartyEdit> edit)
        {
            var text = Text(field, value, max);
            if (value.IsSet && value.Value is not null) edits.Add(new ForPartyType(owner, edit(text)));
            else if (value.IsSet || full) edits.Add(partyType is { } t && t != owner ? edit(null) : new ForPartyTypeOrClear(owner, edit(null)));
        }
    }

    private static PartyEdit Set(string key, PartyField<string?> field, string? value) =>
        new SetValue<string?>(key, field, string.IsNullOrEmpty(value) ? null : value);

    private static void AddAddresses(AddressInput[] addresses, ImmutableArray<PartyEdit>.Builder edits, Action<string, string> error)
    {
        var list = ImmutableArray.CreateBuilder<Address>();
        for (var i = 0; i < addresses.Length; i++)
        {
            var a = addresses[i];
            if (a is null) { error($"addresses[{i}]", "This field may not be null."); continue; }
            if (!AddressTypes.TryParse(a.AddressType ?? "other", out var type))
                error($"addresses[{i}].address_type", $"\"{a.AddressType}\" is not a valid choice.");
            if (a.City?.Length > CityLength) error($"addresses[{i}].city", $"Ensure this field has no more than {CityLength} characters.");
            if (a.Address?.Length > AddressLength) error($"addresses[{i}].address", $"Ensure this field has no more than {AddressLength} characters.");
            if (a.PostalCode?.Length > PostalCodeLength) error($"addresses[{i}].postal_code", $"Ensure this field has no more than {PostalCodeLength} characters.");
            list.Add(new Address
            {
                AddressType = type, City = a.City, Line1 = a.Address, PostalCode = a.PostalCode,
                IsDefault = a.IsDefault ?? false, IsActive = a.IsActive ?? true,
            });
        }
        edits.Add(new SetAddresses("addresses", list.ToImmutable()));
    }

    private static void AddPhones(PhoneInput[] phones, ImmutableArray<PartyEdit>.Builder edits, Action<string, string> error)
    {
        var list = ImmutableArray.CreateBuilder<PartyPhone>();
        for (var i = 0; i < phones.Length; i++)
        {
            var p = phones[i];
            if (p is null) { error($"phones[{i}]", "This field may not be null."); continue; }
            if (!PhoneTypes.TryParse(p.PhoneType, out var type)) error($"phones[{i}].phone_type", $"\"{p.PhoneType}\" is not a valid choice.");
            if (string.IsNullOrWhiteSpace(p.Phone)) error($"phones[{i}].phone", "This field is required.");
            else if (p.Phone.Length > PhoneLength || !PhoneForm().IsMatch(p.Phone)) error($"phones[{i}].phone", "Enter a valid phone number.");
            else list.Add(new PartyPhone(type, p.Phone));
        }
        edits.Add(new SetValue<ImmutableArray<PartyPhone>>("phones", PartyFields.Phones, list.ToImmutable()));
    }

    [GeneratedRegex(@"^\+?[0-9۰-۹][0-9۰-۹ \-()]{2,30}$")]
    private static partial Regex PhoneForm();

    [GeneratedRegex(@"^[0-9۰-۹]{1,50}$")]
    private static partial Regex CodeForm();
}

