using System.Text.Encodings.Web;
using System.Text.Json;
using Parties.Api.Json;

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

    /// <summary><c>{"ok":true,"data":…}</c></summary>
    public static IResult Ok(object data, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(new { ok = true, data }, Options, statusCode: statusCode);

    /// <summary>The body as a JSON tree (its shape is checked by <see cref="VendorWire"/>), or where it is malformed.</summary>
    public static async Task<(JsonElement Body, WireError? Error)> ReadAsync(HttpRequest request)
    {
        var body = await JsonBody<JsonElement>.ReadAsync(request, Options);
        return body.ErrorMessage is null
            ? (body.Value, null)
            : (default, new WireError(WireError.FromPath(body.ErrorPath), "must be valid JSON (" + body.ErrorMessage.TrimEnd('.') + ")"));
    }
}
