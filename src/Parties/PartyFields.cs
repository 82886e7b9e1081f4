using System.Collections;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;

namespace Parties;

/// <summary>
/// The fields of <see cref="PartyData"/> by name: how to read one as JSON for an event, and how to set it
/// back from an event. Written out by hand (not reflection) so renaming a property cannot silently change
/// the names stored in years of events. The typed handles serve edits that set a plain field.
/// </summary>
public static class PartyFields
{
    public const string ActiveName = "active";

    public static readonly PartyField<string> Number = new("number", d => d.Number, (d, v) => d with { Number = v ?? "" });
    public static readonly PartyField<PartyType> PartyType = new("partyType", d => d.PartyType, (d, v) => d with { PartyType = v });
    public static readonly PartyField<string?> SubType = new("subType", d => d.SubType, (d, v) => d with { SubType = v });
    public static readonly PartyField<ImmutableArray<string>> Roles =
        new("roles", d => d.Roles, (d, v) => d with { Roles = v.IsDefault ? [] : v });
    public static readonly PartyField<string?> Name = new("name", d => d.Name, (d, v) => d with { Name = v });
    public static readonly PartyField<string?> FirstName = new("firstName", d => d.FirstName, (d, v) => d with { FirstName = v });
    public static readonly PartyField<string?> LastName = new("lastName", d => d.LastName, (d, v) => d with { LastName = v });
    public static readonly PartyField<string?> NationalCode =
        new("nationalCode", d => d.NationalCode, (d, v) => d with { NationalCode = v });
    public static readonly PartyField<string?> EconomicCode =
        new("economicCode", d => d.EconomicCode, (d, v) => d with { EconomicCode = v });
    public static readonly PartyField<string?> RegistrationNumber =
        new("registrationNumber", d => d.RegistrationNumber, (d, v) => d with { RegistrationNumber = v });
    public static readonly PartyField<string?> Mobile = new("mobile", d => d.Mobile, (d, v) => d with { Mobile = v });
    public static readonly PartyField<string?> MobileE164 = new("mobileE164", d => d.MobileE164, (d, v) => d with { MobileE164 = v });
    public static readonly PartyField<string?> Phone = new("phone", d => d.Phone, (d, v) => d with { Phone = v });
    public static readonly PartyField<string?> Email = new("email", d => d.Email, (d, v) => d with { Email = v });
    public static readonly PartyField<string?> Notes = new("notes", d => d.Notes, (d, v) => d with { Notes = v });
    public static readonly PartyField<string?> OwnerId = new("ownerId", d => d.OwnerId, (d, v) => d with { OwnerId = v });
    public static readonly PartyField<Locality?> Locality = new("locality", d => d.Locality, (d, v) => d with { Locality = v });
    public static readonly PartyField<Communications> Communications =
        new("communications", d => d.Communications, (d, v) => d with { Communications = v ?? Parties.Communications.None });
    public static readonly PartyField<ImmutableSortedDictionary<string, CustomFieldValue>> CustomFields =
        new("customFields", d => d.CustomFields, (d, v) => d with { CustomFields = v ?? ImmutableSortedDictionary<string, CustomFieldValue>.Empty });
    public static readonly PartyField<ImmutableArray<Address>> Addresses =
        new("addresses", d => d.Addresses, (d, v) => d with { Addresses = v.IsDefault ? [] : v });
    public static readonly PartyField<ImmutableArray<PartyPhone>> Phones =
        new("phones", d => d.Phones, (d, v) => d with { Phones = v.IsDefault ? [] : v });
    public static readonly PartyField<ImmutableArray<Contact>> Contacts =
        new("contacts", d => d.Contacts, (d, v) => d with { Contacts = v.IsDefault ? [] : v });
    public static readonly PartyField<string?> Currency = new("currency", d => d.Currency, (d, v) => d with { Currency = v });
    public static readonly PartyField<string?> PaymentTerm = new("paymentTerm", d => d.PaymentTerm, (d, v) => d with { PaymentTerm = v });
    public static readonly PartyField<string?> TaxRule = new("taxRule", d => d.TaxRule, (d, v) => d with { TaxRule = v });
    public static readonly PartyField<decimal?> Discount = new("discount", d => d.Discount, (d, v) => d with { Discount = v });
    public static readonly PartyField<string?> AccountPayable =
        new("accountPayable", d => d.AccountPayable, (d, v) => d with { AccountPayable = v });
    public static readonly PartyField<string?> AttributeSet =
        new("attributeSet", d => d.AttributeSet, (d, v) => d with { AttributeSet = v });
    public static readonly PartyField<ImmutableArray<string?>> AdditionalAttributes =
        new("additionalAttributes", d => d.AdditionalAttributes, (d, v) => d with { AdditionalAttributes = v.IsDefault ? [] : v });
    public static readonly PartyField<bool> Active = new(ActiveName, d => d.Active, (d, v) => d with { Active = v });

    public static readonly ImmutableArray<IPartyField> All =
    [
        Number, PartyType, SubType, Roles, Name, FirstName, LastName, NationalCode, EconomicCode, RegistrationNumber, Mobile, MobileE164, Phone, Email, Notes, OwnerId, Locality, Communications, CustomFields, Addresses, Phones, Contacts, Currency, PaymentTerm, TaxRule, Discount, AccountPayable, AttributeSet, AdditionalAttributes, Active
    ];

    public static readonly FrozenDictionary<string, IPartyField> ByName = All.ToFrozenDictionary(f => f.Name);

    /// <summary>The changes that turn <paramref name="before"/> into <paramref name="after"/>, in field order.</summary>
    public static ImmutableArray<FieldChange> Diff(PartyData before, PartyData after)
    {
        if (ReferenceEquals(before, after)) return [];
        var changes = ImmutableArray.CreateBuilder<FieldChange>();
        foreach (var field in All)
        {
            if (!field.Differs(before, after)) continue;
            changes.Add(new FieldChange(field.Name, field.Read(before), field.Read(after)));
        }
        return changes.ToImmutable();
    }

    /// <summary>Whether any field of <paramref name="before"/> and <paramref name="after"/> differs, without building the changes.</summary>
    public static bool Differ(PartyData before, PartyData after)
    {
        if (ReferenceEquals(before, after)) return false;
        foreach (var field in All)
            if (field.Differs(before, after)) return true;
        return false;
    }

    /// <summary>A new party's fields that hold more than the empty party's: a creation has no old values.</summary>
    public static ImmutableArray<FieldChange> Registered(PartyData data) =>
        [.. Diff(Unset, data).Select(c => c with { Before = null })];

    /// <summary>The fields <see cref="Registered"/> lists, without reading their values.</summary>
    public static bool IsSetOnRegistration(IPartyField field, PartyData data) => field.Differs(Unset, data);

    private static readonly PartyData Unset = new();

    public static PartyData Apply(PartyData data, IEnumerable<FieldChange> changes)
    {
        foreach (var change in changes)
        {
            // A field unknown to this version of the code (written by a newer one) is skipped, not fatal.
            if (ByName.TryGetValue(change.Field, out var field)) data = field.Write(data, change.After);
        }
        return data;
    }
}

public interface IPartyField
{
    string Name { get; }
    bool Differs(PartyData before, PartyData after);
    JsonElement? Read(PartyData data);
    PartyData Write(PartyData data, JsonElement? value);
}

public sealed class PartyField<T>(string name, Func<PartyData, T> get, Func<PartyData, T, PartyData> set) : IPartyField
{
    public string Name => name;

    public bool Differs(PartyData before, PartyData after)
    {
        var (a, b) = (get(before), get(after));
        if (EqualityComparer<T>.Default.Equals(a, b)) return false;
        if (ComparesByValue) return true;
        // Collections of different sizes are stored differently (a creation's lists against the empty party's, mostly).
        if (SizeOf(a) is { } x && SizeOf(b) is { } y && x != y) return true;
        // Collections (and records holding them) compare by reference; compare what would be stored instead.
        return !JsonElement.DeepEquals(Serialize(a), Serialize(b));
    }

    // A default ImmutableArray equals default(T) and has no size to read.
    private static int? SizeOf(T value) =>
        value is ICollection collection && !EqualityComparer<T>.Default.Equals(value, default!) ? collection.Count : null;

    // A string, number, flag or enum that is not equal is stored differently too: no need to serialize both to know.
    private static readonly bool ComparesByValue = IsScalar(Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));

    private static bool IsScalar(Type type) => type == typeof(string) || type == typeof(decimal) || type.IsPrimitive || type.IsEnum;

    public T Get(PartyData data) => get(data);

    public PartyData Set(PartyData data, T value) => set(data, value);

    public JsonElement? Read(PartyData data) => get(data) is { } value ? Serialize(value) : null;

    public PartyData Write(PartyData data, JsonElement? value) =>
        set(data, value is { ValueKind: not JsonValueKind.Null } json ? json.Deserialize<T>(DomainJson.Options)! : default!);

    private static JsonElement Serialize(T value) => JsonSerializer.SerializeToElement(value, DomainJson.Options);
}
