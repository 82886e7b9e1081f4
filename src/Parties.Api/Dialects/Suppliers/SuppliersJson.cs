using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Parties.Api.Http;

namespace Parties.Api.Dialects.Suppliers;

public static class SuppliersJson
{
    /// <summary>
    /// PascalCase names as the C# properties spell them (<c>ID</c>, <c>AdditionalAttribute1</c>). Names are read
    /// case-insensitively, as the original .NET service does; properties it does not know (the read-only
    /// <c>LastModifiedOn</c>, <c>Errors</c>, <c>OperationStatus</c> of a supplier read back) are ignored.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        Converters = { new NoNullCharacters() },
    };
}
