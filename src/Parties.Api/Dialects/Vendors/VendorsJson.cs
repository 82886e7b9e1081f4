using System.Text.Encodings.Web;
using System.Text.Json;

namespace Parties.Api.Dialects.Vendors;

public static class VendorsJson
{
    /// <summary>camelCase names; text written as is, not \u-escaped.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowDuplicateProperties = false,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// The pointer of the first string or property name that is not text (invalid UTF-8, a lone surrogate): the
    /// parser lets them through and only reading them as strings throws.
    /// </summary>
    private static string? UnreadableText(JsonElement element, string pointer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : pointer;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (UnreadableText(item, $"{pointer}/{index++}") is { } found) return found;
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!Readable(() => property.Name)) return pointer;
                    if (UnreadableText(property.Value, $"{pointer}/{WireError.Escape(property.Name)}") is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    private static bool Readable(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary><c>{"ok":true,"data":…}</c></summary>
    public static IResult Ok<T>(T data, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(new VendorsOk<T>(true, data), Options, statusCode: statusCode);

    /// <summary>The body as a JSON tree (its shape is checked by <see cref="VendorWire"/>), or where it is malformed.</summary>
    public static async Task<(JsonElement Body, WireError? Error)> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        try
        {
            using var document = JsonDocument.Parse(bytes, DocumentOptions);
            if (UnreadableText(document.RootElement, "") is { } pointer)
                return (default, new WireError(pointer.Length == 0 ? "/" : pointer, "must be valid UTF-8 text"));
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, new WireError(MalformedJson.Pointer(bytes.Span), "must be valid JSON: " + e.Message));
        }
    }
}
