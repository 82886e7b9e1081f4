using System.Text.Json;

namespace Parties.Api.Dialects.Vendors;

/// <summary>Where in a malformed body reading stopped, as a JSON pointer (the parser's own message has only a byte position).</summary>
public static class MalformedJson
{
    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public string? Name { get; set; }
        public int Index { get; set; } = -1;
    }

    public static string Pointer(ReadOnlySpan<byte> json)
    {
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1].Name = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (frames.Count > 0 && frames[^1].IsArray) frames[^1].Index++;
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    default:
                        if (frames.Count > 0 && frames[^1].IsArray) frames[^1].Index++;
                        break;
                }
            }
        }
        // Where reading stopped: at malformed JSON, or at a name that is not text (invalid UTF-8).
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
        }
        var segments = frames.Select(f => f.IsArray ? (f.Index >= 0 ? f.Index.ToString() : null) : f.Name is null ? null : WireError.Escape(f.Name))
            .TakeWhile(s => s is not null).ToArray();
        return segments.Length == 0 ? "/" : "/" + string.Join('/', segments);
    }
}
