using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Parties.Api.Dialects.Vendors;

/// <summary>
/// The list's opaque cursor: the last vendor's (lower-cased name, id), the list's sort key, so a page
/// follows on from where the previous one ended even while vendors are added or renamed.
/// </summary>
public sealed record VendorCursor(string NameKey, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new object[] { NameKey, Id }));

    public static bool TryDecode(string text, out VendorCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = JsonSerializer.Deserialize<JsonElement[]>(Base64Url.DecodeFromChars(text));
            if (parts is not [{ ValueKind: JsonValueKind.String } key, { ValueKind: JsonValueKind.String } id] ||
                !Guid.TryParse(id.GetString(), out var guid)) return false;
            cursor = new VendorCursor(key.GetString()!, guid);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}
