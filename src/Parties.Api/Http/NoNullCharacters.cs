using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parties.Api.Http;

/// <summary>
/// Reads JSON strings refusing U+0000, which PostgreSQL text and jsonb cannot hold: without it such a value
/// would fail only in the database, as a 500. The refusal names the field like any other bad value.
/// </summary>
public sealed class NoNullCharacters : JsonConverter<string>
{
    public const string Message = "Null characters are not allowed.";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        // The inner exception carries the message JsonBody reports; the JsonException gets the path.
        if (text is not null && text.Contains('\0')) throw new JsonException(Message, new InvalidDataException(Message));
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
