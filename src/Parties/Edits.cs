using System.Collections.Immutable;
using System.Globalization;
using PhoneNumbers;
using Parties.Reference;

namespace Parties;

/// <summary>
/// One change a caller asks for, named by <see cref="Key"/> as the caller's dialect names it (so outcomes
/// can be reported per field). <see cref="Apply"/> is pure: the party's values and the context in, the
/// new values or the reason for refusal out.
/// </summary>
public abstract record PartyEdit(string Key)
{
    public abstract EditResult Apply(PartyData data, PartyContext context);

    protected static EditResult Ok(PartyData data) => new(data, null);
    protected static EditResult Fail(string code, string message, object? detail = null) =>
        new(null, new EditError(code, message, detail));
}

public sealed record EditResult(PartyData? Data, EditError? Error);

/// <summary>Sets a field that has no rule beyond its wire format (validated by the dialect).</summary>
public sealed record SetValue<T>(string Key, PartyField<T> Field, T Value) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Ok(Field.Set(data, Value));
}

public sealed record SetNumber(string Key, string Number) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Ok(data with { Number = Number });
}

public sealed record SetName(string Key, string? Name) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Ok(data with { Name = Name });
}

public sealed record SetPartyType(string Key, PartyType PartyType) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) => Ok(data with { PartyType = PartyType });
}

public sealed record SetSubType(string Key, string? SubType) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        SubType is null || context.Reference.PartySubTypes.ContainsKey(SubType)
            ? Ok(data with { SubType = SubType })
            : Fail(ErrorCodes.UnknownSubType, $"\"{SubType}\" is not a valid choice.");
}

/// <summary>Sets the built-in roles and keeps the custom ones.</summary>
public sealed record SetBuiltInRoles(string Key, ImmutableArray<string> Roles) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        Ok(data with { Roles = Sorted(data.Roles.Where(r => !Parties.Roles.IsBuiltIn(r)).Concat(Roles)) });

    internal static ImmutableArray<string> Sorted(IEnumerable<string> roles) =>
        [.. roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>Sets every role, built-in and custom; custom ones must be the organization's.</summary>
public sealed record SetAllRoles(string Key, ImmutableArray<string> Roles) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        var unknown = Roles.FirstOrDefault(r => !Parties.Roles.IsBuiltIn(r) && !context.Reference.PartyRoles.ContainsKey(r));
        return unknown is null
            ? Ok(data with { Roles = SetBuiltInRoles.Sorted(Roles) })
            : Fail(ErrorCodes.UnknownRole, $"\"{unknown}\" is not a valid choice.");
    }
}

/// <summary>Sets the mobile as given and derives its E.164 form with the organization's default country.</summary>
public sealed record SetMobile(string Key, string? Mobile) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        Ok(data with { Mobile = Mobile, MobileE164 = PhoneNumbersE164.TryFormat(Mobile, context.Reference.Settings.DefaultCountry) });
}

/// <summary>The Vendors dialect's phone: must be E.164 with its leading plus.</summary>
public sealed record SetE164Phone(string Key, string Phone) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        Phone.StartsWith('+') && PhoneNumbersE164.TryFormat(Phone, null) == Phone
            ? Ok(data with { Phone = Phone })
            : Fail(ErrorCodes.InvalidNumber, "Phone number must be in the format +{country_code}{number}");
}

public sealed record SetOwner(string Key, string OwnerId) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.Users.ContainsKey(OwnerId)
            ? Ok(data with { OwnerId = OwnerId })
            : Fail(ErrorCodes.InvalidOwner, "Owner not found in the organization");
}

public sealed record SetCommunications(string Key, Communications Communications) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        var wrong = Communications.To.Concat(Communications.Cc).Concat(Communications.Bcc)
            .Where(id => !context.Reference.Users.ContainsKey(id)).Distinct().ToArray();
        return wrong.Length == 0
            ? Ok(data with { Communications = Communications })
            : Fail(ErrorCodes.InvalidUserInCommunications, "ERROR_CODE INVALID_USER_IN_COMMUNICATIONS not found", wrong);
    }
}

/// <summary>Sets one flex field, checked against the organization's definition of it.</summary>
public sealed record SetCustomField(string Key, string Slug, FlexFieldType Type, string Value) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        if (!context.Reference.FlexFields.TryGetValue(Slug, out var field))
            return Fail(ErrorCodes.InvalidTag, "Invalid tag key");
        if (field.Type != Type)
            return Fail(ErrorCodes.InvalidTagType,
                $"Tag type is of '{FlexFieldTypes.Name(field.Type)}' but received {FlexFieldTypes.Name(Type)}");
        var error = field.Type switch
        {
            FlexFieldType.Datetime when !DateOnly.TryParseExact(Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) =>
                new EditError(ErrorCodes.InvalidDateInput, "Date must be in YYYY-MM-DD format"),
            FlexFieldType.Dropdown when field.Options.All(o => o.Id != Value) =>
                new EditError(ErrorCodes.InvalidValueId, "Invalid value id for the tag"),
            FlexFieldType.Numeric when !decimal.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) =>
                new EditError(ErrorCodes.InvalidTagType,
                    $"Tag type is of '{FlexFieldTypes.Name(field.Type)}' but received a value that is not a number"),
            _ => null,
        };
        return error is null
            ? Ok(data with { CustomFields = data.CustomFields.SetItem(Slug, new CustomFieldValue(Type, Value)) })
            : new EditResult(null, error);
    }
}

/// <summary>Replaces the address list; at most one default address per address type.</summary>
public sealed record SetAddresses(string Key, ImmutableArray<Address> Addresses) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        var twice = Addresses.Where(a => a.IsDefault).GroupBy(a => a.AddressType).FirstOrDefault(g => g.Count() > 1);
        return twice is null
            ? Ok(data with { Addresses = Addresses })
            : Fail(ErrorCodes.TwoDefaults, $"Only one default address is allowed per address type ({twice.Key.ToString().ToLowerInvariant()}).");
    }
}

/// <summary>The Vendors dialect's single address: merged into the party's main address.</summary>
public sealed record MergeMainAddress(string Key, AddressPatch Patch) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        var index = MainAddressIndex(data.Addresses);
        var current = index < 0 ? new Address { AddressType = AddressType.Billing, IsDefault = true } : data.Addresses[index];
        var merged = current with
        {
            Line1 = Patch.Line1 ?? current.Line1,
            Line2 = Patch.Line2 ?? current.Line2,
            City = Patch.City ?? current.City,
            State = Patch.State ?? current.State,
            PostalCode = Patch.PostalCode ?? current.PostalCode,
            Country = Patch.Country ?? current.Country,
        };
        var addresses = index < 0 ? data.Addresses.Insert(0, merged) : data.Addresses.SetItem(index, merged);
        return Ok(data with { Addresses = addresses, Locality = Patch.Locality ?? data.Locality });
    }

    /// <summary>The default billing address, else the first address; -1 when there is none.</summary>
    public static int MainAddressIndex(ImmutableArray<Address> addresses)
    {
        var index = addresses.IndexOf(addresses.FirstOrDefault(a => a is { IsDefault: true, AddressType: AddressType.Billing })!);
        return index >= 0 ? index : addresses.IsEmpty ? -1 : 0;
    }
}

public sealed record AddressPatch(string? Line1, string? Line2, string? City, string? State, string? PostalCode,
    string? Country, Locality? Locality);

public sealed record SetCurrency(string Key, string Currency) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        Currencies.IsIso4217(Currency)
            ? Ok(data with { Currency = Currency.ToUpperInvariant() })
            : Fail(ErrorCodes.InvalidCurrency, $"Currency '{Currency}' is not a valid ISO 4217 code");
}

public sealed record SetPaymentTerm(string Key, string Name) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.PaymentTerms.TryGetValue(Name, out var term) && term.Active
            ? Ok(data with { PaymentTerm = term.Name })
            : Fail(ErrorCodes.InvalidPaymentTerm, $"Payment term '{Name}' not found or not active");
}

public sealed record SetTaxRule(string Key, string Name) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.TaxRules.TryGetValue(Name, out var rule) && rule.ForPurchases && rule.Active
            ? Ok(data with { TaxRule = rule.Name })
            : Fail(ErrorCodes.InvalidTaxRule, $"Tax rule '{Name}' not found or not for purchases");
}

public sealed record SetAccountPayable(string Key, string Code) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.Accounts.TryGetValue(Code, out var account) && account is { AccountPayable: true, Active: true }
            ? Ok(data with { AccountPayable = account.Code })
            : Fail(ErrorCodes.InvalidAccount, $"Account '{Code}' not found, not active or not an account payable");
}

public sealed record SetAttributeSet(string Key, string? Name) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        if (Name is null) return Ok(data with { AttributeSet = null });
        return context.Reference.AttributeSets.TryGetValue(Name, out var set)
            ? Ok(data with { AttributeSet = set.Name })
            : Fail(ErrorCodes.InvalidAttributeSet, $"Attribute set '{Name}' not found");
    }
}

/// <summary>Additional attributes only count on the Large plan and with an attribute set; otherwise ignored.</summary>
public sealed record SetAdditionalAttributes(string Key, ImmutableArray<string?> Values) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        context.Reference.Settings.Plan is Plan.Large && data.AttributeSet is not null
            ? Ok(data with { AdditionalAttributes = Values })
            : Ok(data);
}

public sealed record SetDiscount(string Key, decimal? Discount) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        Discount is null or (>= 0 and <= 100)
            ? Ok(data with { Discount = Discount })
            : Fail(ErrorCodes.OutOfRange, "Discount must be between 0 and 100");
}

public static class Roles
{
    public const string Customer = "customer";
    public const string Vendor = Party.VendorRole;
    public const string Employee = "employee";
    public const string Other = "other";

    /// <summary>The built-in roles in their canonical order.</summary>
    public static readonly ImmutableArray<string> BuiltIn = [Customer, Vendor, Employee, Other];

    public static bool IsBuiltIn(string role) => BuiltIn.Contains(role);
}

public static class FlexFieldTypes
{
    public static string Name(FlexFieldType type) => type.ToString().ToUpperInvariant();

    public static bool TryParse(string? text, out FlexFieldType type)
    {
        type = default;
        return text is not null && text == text.ToUpperInvariant() && Enum.TryParse(text, ignoreCase: true, out type)
               && Enum.IsDefined(type);
    }
}

public static class PhoneNumbersE164
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164 if it is a valid number (in <paramref name="region"/> when it has no plus), else null.</summary>
    public static string? TryFormat(string? text, string? region)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var number = Util.Parse(text, region);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}

public static class Currencies
{
    private static readonly HashSet<string> Codes = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>().Where(c => c.Length == 3).ToHashSet(StringComparer.Ordinal);

    public static bool IsIso4217(string code) => code.Length == 3 && Codes.Contains(code.ToUpperInvariant());
}

/// <summary>A field that belongs to one party type only (e.g. legal_name to organizations).</summary>
public sealed record ForPartyType(PartyType PartyType, PartyEdit Inner) : PartyEdit(Inner.Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        data.PartyType == PartyType
            ? Inner.Apply(data, context)
            : Fail(ErrorCodes.FieldNotForPartyType,
                $"This field is not allowed for {(data.PartyType == Parties.PartyType.Individual ? "individual" : "organization")} parties.");
}

/// <summary>Clears a type-specific field when the party is of its type (a PATCH that did not send it leaves it).</summary>
public sealed record ForPartyTypeOrClear(PartyType PartyType, PartyEdit Inner) : PartyEdit(Inner.Key)
{
    public override EditResult Apply(PartyData data, PartyContext context) =>
        data.PartyType == PartyType ? Inner.Apply(data, context) : new EditResult(data, null);
}
