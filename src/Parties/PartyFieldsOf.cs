using System.Collections.Immutable;

namespace Parties;

/// <summary>Typed handles on the plain fields that dialects set directly with <see cref="SetValue{T}"/>.</summary>
public static class PartyFieldsOf
{
    public static readonly PartyField<string?> Notes = Get<string?>("notes");
    public static readonly PartyField<string?> FirstName = Get<string?>("firstName");
    public static readonly PartyField<string?> LastName = Get<string?>("lastName");
    public static readonly PartyField<string?> NationalCode = Get<string?>("nationalCode");
    public static readonly PartyField<string?> EconomicCode = Get<string?>("economicCode");
    public static readonly PartyField<string?> RegistrationNumber = Get<string?>("registrationNumber");
    public static readonly PartyField<string?> Email = Get<string?>("email");
    public static readonly PartyField<Locality?> Locality = Get<Locality?>("locality");
    public static readonly PartyField<ImmutableArray<PartyPhone>> Phones = Get<ImmutableArray<PartyPhone>>("phones");
    public static readonly PartyField<ImmutableArray<Contact>> Contacts = Get<ImmutableArray<Contact>>("contacts");
    public static readonly PartyField<bool> Active = Get<bool>(PartyFields.Active);

    private static PartyField<T> Get<T>(string name) => (PartyField<T>)PartyFields.ByName[name];
}
