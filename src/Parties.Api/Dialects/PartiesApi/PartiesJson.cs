using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Parties.Api.Http;

namespace Parties.Api.Dialects.PartiesApi;

public static class PartiesJson
{
    /// <summary>snake_case names; text (Persian included) written as is, not \u-escaped.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        Converters = { new NoNullCharacters() },
    };
}
