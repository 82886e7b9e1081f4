using System.Text.Json;
using Parties.Api.Http;

namespace Parties.Api.Admin;

/// <summary>
/// PostgreSQL text and jsonb cannot hold U+0000. The admin API's bodies are bound by the framework (with the
/// app-wide JSON options, which the OpenAPI document also reads, so no converter is added there): each bound body
/// is looked over once instead, and a value carrying one is refused, naming its field.
/// </summary>
public static class AdminTextFilter
{
    public static TBuilder RefuseNullCharacters<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            foreach (var argument in context.Arguments)
            {
                if (argument is null || argument.GetType().Namespace != typeof(AdminTextFilter).Namespace) continue;
                if (FieldWithNull(JsonSerializer.SerializeToElement(argument, AdminJson), "") is { } field)
                    return AdminErrors.Instance.BadRequest(field, NoNullCharacters.Message);
            }
            return await next(context);
        });

    private static readonly JsonSerializerOptions AdminJson = new(JsonSerializerDefaults.Web);

    private static string? FieldWithNull(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString()!.Contains('\0') ? path : null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (FieldWithNull(item, $"{path}[{index++}]") is { } found) return found;
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (FieldWithNull(property.Value, field) is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }
}
