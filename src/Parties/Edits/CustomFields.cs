using System.Globalization;

namespace Parties;

/// <summary>Sets one flex field, checked against the organization's definition of it.</summary>
public sealed record SetCustomField(string Key, string Slug, FlexFieldType Type, string Value) : PartyEdit(Key)
{
    public override EditResult Apply(PartyData data, PartyContext context)
    {
        if (!context.Reference.FlexFields.TryGetValue(Slug, out var field)) return Fail(ErrorCodes.InvalidTag, Slug);
        if (field.Type != Type)
            return Fail(new EditError(ErrorCodes.InvalidTagType, FlexFieldTypes.Name(Type), Expected: FlexFieldTypes.Name(field.Type)));
        var error = field.Type switch
        {
            FlexFieldType.Datetime when !DateOnly.TryParseExact(Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) =>
                ErrorCodes.InvalidDateInput,
            FlexFieldType.Dropdown when field.Options.All(o => o.Id != Value) => ErrorCodes.InvalidValueId,
            FlexFieldType.Numeric when !decimal.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) =>
                ErrorCodes.NotANumber,
            _ => null,
        };
        return error is null
            ? Ok(data with { CustomFields = data.CustomFields.SetItem(Slug, new CustomFieldValue(Type, Value)) })
            : Fail(new EditError(error, Value, Expected: FlexFieldTypes.Name(field.Type)));
    }
}
