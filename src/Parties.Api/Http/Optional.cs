using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parties.Api.Http;

/// <summary>
/// A JSON property that may be absent, null or a value: PATCH needs to tell "not sent" from "sent as null".
/// System.Text.Json calls the converter only for properties present in the body.
/// </summary>
[JsonConverter(typeof(OptionalConverterFactory))]
public readonly record struct Optional<T>(bool IsSet, T? Value)
{
    public static implicit operator Optional<T>(T? value) => new(true, value);
}

public sealed class OptionalConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        // A value is read as a document of its own, whose errors have paths relative to it ($[0].city); the
        // serializer then gives the error this property's path ($.addresses), so the relative one rides along
        // inside (NestedJsonError) for JsonBody to join them: $.addresses[0].city.
        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return new(true, default);
            try
            {
                return new(true, JsonSerializer.Deserialize<T>(ref reader, options));
            }
            catch (JsonException e)
            {
                throw new JsonException(e.Message, new NestedJsonError((e.Path ?? "$")[1..], e.InnerException));
            }
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}

/// <summary>Where inside a property's value reading failed (<c>[0].city</c>), and why.</summary>
public sealed class NestedJsonError(string relativePath, Exception? cause) : Exception(cause?.Message, cause)
{
    public string RelativePath { get; } = relativePath;
}
