using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parties;

/// <summary>
/// Keeps an <see cref="EditError.Detail"/> of its own type through JSON (a stored idempotent decision is rendered again
/// from it): <c>{"holder":{…}}</c> for a <see cref="PartyRef"/>, <c>{"values":[…]}</c> for a list of strings. Plain
/// <c>object</c> would come back as a JsonElement, and the Vendors answer would lose its duplicate vendor.
/// </summary>
public sealed class EditDetailJson : JsonConverter<object>
{
    private const string Holder = "holder", Values = "values";

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(Holder, out var holder)) return holder.Deserialize<PartyRef>(options);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(Values, out var values)) return values.Deserialize<string[]>(options);
        return root.Clone();
    }

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        var (name, typed) = value switch
        {
            PartyRef holder => (Holder, (object)holder),
            string[] values => (Values, values),
            _ => (null, value),
        };
        if (name is null)
        {
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
            return;
        }
        writer.WriteStartObject();
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, typed, typed.GetType(), options);
        writer.WriteEndObject();
    }
}
