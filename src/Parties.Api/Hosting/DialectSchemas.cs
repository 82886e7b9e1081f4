using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Parties.Api.Http;

namespace Parties.Api.Hosting;

/// <summary>
/// Makes the OpenAPI schemas say what goes over the wire: each dialect names its properties its own way
/// (snake_case, camelCase, PascalCase) while the document generator knows only the app-wide JSON options,
/// and an <see cref="Optional{T}"/> is just its <c>T</c> on the wire.
/// </summary>
public static class DialectSchemas
{
    public static OpenApiOptions InlineOptionalValues(this OpenApiOptions options)
    {
        // An Optional<T> is written inline as its T, never as a component of its own.
        options.CreateSchemaReferenceId = info => IsOptional(info.Type) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        return options.AddSchemaTransformer(InlineOptionalAsync);
    }

    /// <summary>
    /// Names the properties of the types declared in <paramref name="wireNamespace"/> as <paramref name="json"/>
    /// writes them; a dialect calls it for the namespace of its wire shapes.
    /// </summary>
    public static OpenApiOptions NamePropertiesAs(this OpenApiOptions options, JsonSerializerOptions json, string? wireNamespace) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type.Namespace == wireNamespace) Rename(schema, context, json);
            return Task.CompletedTask;
        });

    private static bool IsOptional(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>);

    private static async Task InlineOptionalAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context,
        CancellationToken cancellation)
    {
        var type = context.JsonTypeInfo.Type;
        if (!IsOptional(type)) return;
        var inner = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellation);
        schema.Type = inner.Type;
        schema.Format = inner.Format;
        schema.Items = inner.Items;
        schema.Properties = inner.Properties;
        schema.Required = inner.Required;
        schema.AdditionalProperties = inner.AdditionalProperties;
        schema.Enum = inner.Enum;
    }

    // The generator named each property with the app-wide policy; a [JsonPropertyName] stays as it is spelt.
    private static void Rename(OpenApiSchema schema, OpenApiSchemaTransformerContext context, JsonSerializerOptions json)
    {
        if (schema.Properties is not { Count: > 0 } properties) return;
        var names = context.JsonTypeInfo.Properties
            .Where(p => p.AttributeProvider is MemberInfo member && !member.IsDefined(typeof(JsonPropertyNameAttribute), true))
            .ToDictionary(p => p.Name, p =>
            {
                var member = ((MemberInfo)p.AttributeProvider!).Name;
                return json.PropertyNamingPolicy?.ConvertName(member) ?? member;
            });
        string Renamed(string name) => names.GetValueOrDefault(name, name);
        schema.Properties = properties.ToDictionary(p => Renamed(p.Key), p => p.Value);
        if (schema.Required is { Count: > 0 } required) schema.Required = required.Select(Renamed).ToHashSet();
    }
}
