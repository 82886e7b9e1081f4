using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parties.Reference;

namespace Parties.Erasure;

/// <summary>
/// Which of a party's values are personal data, and how to take them out of its data, of its events' changes and of
/// answers kept for replays. Contact data of anyone is personal; what identifies an organization (legal name, economic
/// and registration codes) is personal only when the party is a person.
/// </summary>
/// <param name="Fields">The personal fields, as <see cref="PartyFields"/> names them.</param>
/// <param name="CustomFields">The keys of the custom fields whose flex-field definition is personal.</param>
public sealed record ErasurePlan(ImmutableHashSet<string> Fields, ImmutableHashSet<string> CustomFields)
{
    private static readonly ImmutableArray<IPartyField> AlwaysPersonal =
    [
        PartyFields.FirstName, PartyFields.LastName, PartyFields.NationalCode, PartyFields.Mobile, PartyFields.MobileE164,
        PartyFields.Phone, PartyFields.Phones, PartyFields.Addresses, PartyFields.Email, PartyFields.Notes,
    ];

    private static readonly ImmutableArray<IPartyField> PersonalOfIndividuals =
        [PartyFields.Name, PartyFields.EconomicCode, PartyFields.RegistrationNumber];

    public static ErasurePlan For(PartyType type, IEnumerable<string> personalCustomFields) => new(
        [.. AlwaysPersonal.Concat(type == PartyType.Individual ? PersonalOfIndividuals : []).Select(f => f.Name)],
        [.. personalCustomFields]);

    public static ErasurePlan For(PartyData data, ReferenceData reference) =>
        For(data.PartyType, reference.FlexFields.Values.Where(f => f.Personal).Select(f => f.Slug));

    /// <summary>The personal fields that hold a value in <paramref name="data"/>, in field order.</summary>
    public ImmutableArray<string> HeldBy(PartyData data)
    {
        var erased = Erase(data);
        return [.. PartyFields.All.Where(f => f.Differs(data, erased)).Select(f => f.Name)];
    }

    /// <summary>The data without its personal values, marked erased.</summary>
    public PartyData Erase(PartyData data)
    {
        foreach (var name in Fields) data = PartyFields.ByName[name].Write(data, null);
        return data with { Erased = true, CustomFields = data.CustomFields.RemoveRange(CustomFields) };
    }

    /// <summary>The change with the personal values it holds replaced by null.</summary>
    public FieldChange Mask(FieldChange change) => change.Field switch
    {
        _ when Fields.Contains(change.Field) => change with { Before = null, After = null },
        var field when field == PartyFields.CustomFields.Name => change with { Before = Mask(change.Before), After = Mask(change.After) },
        _ => change,
    };

    /// <summary>Whether the change holds a personal value.</summary>
    public bool Holds(FieldChange change)
    {
        var masked = Mask(change);
        return Fields.Contains(change.Field)
            ? HasValue(change.Before) || HasValue(change.After)
            : !Same(change.Before, masked.Before) || !Same(change.After, masked.After);
    }

    /// <summary>A stored event's data as it reads after erasure; other events as they are.</summary>
    public object Mask(object data) => data switch
    {
        PartyRegistered registered => registered with
        {
            Data = Erase(registered.Data),
            ErasedFields = [.. registered.ErasedFields ?? [], .. HeldBy(registered.Data).Except(registered.ErasedFields ?? [])],
        },
        PartyFieldsChanged changed => changed with { Changes = [.. changed.Changes.Select(Mask)] },
        _ => data,
    };

    /// <summary>Whether a stored event's data holds a personal value.</summary>
    public bool Holds(object data) => data switch
    {
        PartyRegistered registered => HeldBy(registered.Data).Length > 0,
        PartyFieldsChanged changed => changed.Changes.Any(Holds),
        _ => false,
    };

    private JsonElement? Mask(JsonElement? customFields)
    {
        if (customFields is not { ValueKind: JsonValueKind.Object } value) return customFields;
        var kept = JsonNode.Parse(value.GetRawText())!.AsObject();
        foreach (var key in CustomFields) kept.Remove(key);
        return JsonSerializer.SerializeToElement(kept);
    }

    private static bool HasValue(JsonElement? value) => value?.ValueKind switch
    {
        null or JsonValueKind.Null => false,
        JsonValueKind.Array => value.Value.GetArrayLength() > 0,
        JsonValueKind.String => value.Value.GetString()!.Length > 0,
        _ => true,
    };

    private static bool Same(JsonElement? a, JsonElement? b) =>
        (a, b) switch
        {
            (null, null) => true,
            ({ } x, { } y) => JsonElement.DeepEquals(x, y),
            _ => false,
        };
}
