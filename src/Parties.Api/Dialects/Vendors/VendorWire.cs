using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Parties.Api.Dialects.Vendors;

/// <summary>Where a request broke the wire contract: a JSON pointer and a JSON-Schema-style message.</summary>
public sealed record WireError(string Pointer, string Message)
{
    public static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");
}

/// <summary>
/// Reads the dialect's JSON by hand so every broken rule is answered with the JSON pointer of the value and a
/// JSON-Schema-style message, as the original API does. The first error found is the one reported.
/// </summary>
public sealed partial class VendorWire
{
    public const int NameLength = 255, TextLength = 255, TaxIdLength = 50, PhoneLength = 32;

    /// <summary>PostgreSQL text and jsonb cannot hold U+0000.</summary>
    public const string NullCharacters = "must NOT contain null characters";

    public WireError? Error { get; private set; }

    public bool Ok => Error is null;

    public void Fail(string pointer, string message) => Error ??= new WireError(pointer, message);

    public bool Object(JsonElement value, string pointer)
    {
        if (value.ValueKind == JsonValueKind.Object) return true;
        Fail(pointer, "must be object");
        return false;
    }

    public string? Text(JsonElement value, string pointer, int max, int min = 0)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(pointer, "must be string");
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Contains('\0')) Fail(pointer, NullCharacters);
        else if (text.Length < min) Fail(pointer, $"must NOT have fewer than {min} characters");
        else if (text.Length > max) Fail(pointer, $"must NOT have more than {max} characters");
        else return text;
        return null;
    }

    public string? Email(JsonElement value, string pointer)
    {
        var text = Text(value, pointer, TextLength);
        if (text is null) return null;
        if (EmailForm().IsMatch(text)) return text;
        Fail(pointer, "must match format \"email\"");
        return null;
    }

    public Locality? Locality(JsonElement value, string pointer)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            switch (value.GetString())
            {
                case "DOMESTIC": return Parties.Locality.Domestic;
                case "INTERNATIONAL": return Parties.Locality.International;
            }
        }
        Fail(pointer, "must be equal to one of the allowed values: DOMESTIC, INTERNATIONAL");
        return null;
    }

    public string[]? TextList(JsonElement value, string pointer)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(pointer, "must be array");
            return null;
        }
        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (Text(item, $"{pointer}/{index++}", TextLength, min: 1) is { } text) items.Add(text);
        }
        return Ok ? [.. items] : null;
    }

    /// <summary>A flex field's value as text: strings as they are, numbers in their invariant form.</summary>
    public string? FlexValue(JsonElement value, string pointer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when value.GetString()!.Contains('\0'):
                Fail(pointer, NullCharacters);
                return null;
            case JsonValueKind.String when value.GetString()!.Length <= TextLength:
                return value.GetString();
            case JsonValueKind.String:
                Fail(pointer, $"must NOT have more than {TextLength} characters");
                return null;
            case JsonValueKind.Number when value.TryGetDecimal(out var number):
                return number.ToString(CultureInfo.InvariantCulture);
            case JsonValueKind.Number:
                Fail(pointer, "must be a number from -7.9e28 to 7.9e28");
                return null;
            default:
                Fail(pointer, "must be string,number");
                return null;
        }
    }

    public void Unknown(string pointer) => Fail(pointer, "must NOT have additional properties");

    public void Required(string pointer, string property) => Fail(pointer, $"must have required property '{property}'");

    /// <summary>The usual JSON Schema "email" format: a dot-atom local part and a domain of DNS labels.</summary>
    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmailForm();
}
