using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;

namespace Parties;

/// <summary>
/// The fields of <see cref="PartyData"/> by name: how to read one as JSON for an event, and how to set it
/// back from an event. Written out by hand (not reflection) so renaming a property cannot silently change
/// the names stored in years of events.
/// </summary>
public static class PartyFields
{
    public const string Active = "active";

    public static readonly ImmutableArray<IPartyField> All =
    [
        Field("number", d => d.Number, (d, v) => d with { Number = v ?? "" }),
        Field("partyType", d => d.PartyType, (d, v) => d with { PartyType = v }),
        Field("subType", d => d.SubType, (d, v) => d with { SubType = v }),
        Field("roles", d => d.Roles, (d, v) => d with { Roles = v.IsDefault ? [] : v }),
        Field("name", d => d.Name, (d, v) => d with { Name = v }),
        Field("firstName", d => d.FirstName, (d, v) => d with { FirstName = v }),
        Field("lastName", d => d.LastName, (d, v) => d with { LastName = v }),
        Field("nationalCode", d => d.NationalCode, (d, v) => d with { NationalCode = v }),
        Field("economicCode", d => d.EconomicCode, (d, v) => d with { EconomicCode = v }),
        Field("registrationNumber", d => d.RegistrationNumber, (d, v) => d with { RegistrationNumber = v }),
        Field("mobile", d => d.Mobile, (d, v) => d with { Mobile = v }),
        Field("mobileE164", d => d.MobileE164, (d, v) => d with { MobileE164 = v }),
        Field("phone", d => d.Phone, (d, v) => d with { Phone = v }),
        Field("email", d => d.Email, (d, v) => d with { Email = v }),
        Field("notes", d => d.Notes, (d, v) => d with { Notes = v }),
        Field("ownerId", d => d.OwnerId, (d, v) => d with { OwnerId = v }),
        Field("locality", d => d.Locality, (d, v) => d with { Locality = v }),
        Field("communications", d => d.Communications, (d, v) => d with { Communications = v ?? Communications.None }),
        Field("customFields", d => d.CustomFields,
            (d, v) => d with { CustomFields = v ?? ImmutableSortedDictionary<string, CustomFieldValue>.Empty }),
        Field("addresses", d => d.Addresses, (d, v) => d with { Addresses = v.IsDefault ? [] : v }),
        Field("phones", d => d.Phones, (d, v) => d with { Phones = v.IsDefault ? [] : v }),
        Field("contacts", d => d.Contacts, (d, v) => d with { Contacts = v.IsDefault ? [] : v }),
        Field("currency", d => d.Currency, (d, v) => d with { Currency = v }),
        Field("paymentTerm", d => d.PaymentTerm, (d, v) => d with { PaymentTerm = v }),
        Field("taxRule", d => d.TaxRule, (d, v) => d with { TaxRule = v }),
        Field("discount", d => d.Discount, (d, v) => d with { Discount = v }),
        Field("accountPayable", d => d.AccountPayable, (d, v) => d with { AccountPayable = v }),
        Field("attributeSet", d => d.AttributeSet, (d, v) => d with { AttributeSet = v }),
        Field("additionalAttributes", d => d.AdditionalAttributes,
            (d, v) => d with { AdditionalAttributes = v.IsDefault ? [] : v }),
        Field(Active, d => d.Active, (d, v) => d with { Active = v }),
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

    public static PartyData Apply(PartyData data, IEnumerable<FieldChange> changes)
    {
        foreach (var change in changes)
        {
            // A field unknown to this version of the code (written by a newer one) is skipped, not fatal.
            if (ByName.TryGetValue(change.Field, out var field)) data = field.Write(data, change.After);
        }
        return data;
    }

    private static PartyField<T> Field<T>(string name, Func<PartyData, T> get, Func<PartyData, T, PartyData> set) =>
        new(name, get, set);
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
        // Collections compare by reference; compare what would be stored instead.
        return !JsonElement.DeepEquals(Serialize(a), Serialize(b));
    }

    public T Get(PartyData data) => get(data);

    public PartyData Set(PartyData data, T value) => set(data, value);

    public JsonElement? Read(PartyData data) => get(data) is { } value ? Serialize(value) : null;

    public PartyData Write(PartyData data, JsonElement? value) =>
        set(data, value is { ValueKind: not JsonValueKind.Null } json ? json.Deserialize<T>(DomainJson.Options)! : default!);

    private static JsonElement Serialize(T value) => JsonSerializer.SerializeToElement(value, DomainJson.Options);
}
