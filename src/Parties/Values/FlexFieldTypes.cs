namespace Parties;

/// <summary>A flex field's type by its upper-case name (VARCHAR, DATETIME, DROPDOWN, NUMERIC).</summary>
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
