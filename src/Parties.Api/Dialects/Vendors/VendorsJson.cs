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

    /// <summary><c>{"ok":true,"data":…}</c></summary>
    public static IResult Ok(object data, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(new { ok = true, data }, Options, statusCode: statusCode);

    /// <summary>The body as a JSON tree (its shape is checked by <see cref="VendorWire"/>), or where it is malformed.</summary>
    public static async Task<(JsonElement Body, WireError? Error)> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        try
        {
            using var document = JsonDocument.Parse(bytes, DocumentOptions);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, new WireError(MalformedJson.Pointer(bytes.Span), "must be valid JSON: " + e.Message));
        }
    }
}
