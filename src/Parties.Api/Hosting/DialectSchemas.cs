using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Parties.Api.Json;

namespace Parties.Api.Hosting;

/// <summary>
/// Makes the OpenAPI schemas say what goes over the wire: each dialect names its properties its own way
/// (snake_case, camelCase, PascalCase) while the document generator knows only the app-wide JSON options,
/// and an <see cref="Optional{T}"/> is just its <c>T</c> on the wire.
/// </summary>
public static class DialectSchemas
{
    public static OpenApiOptions ConfigureDialectSchemas(this OpenApiOptions options)
    {
        // An Optional<T> is written inline as its T, never as a component of its own.
        options.CreateSchemaReferenceId = info => IsOptional(info.Type) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        return options.AddSchemaTransformer(TransformAsync);
    }

    private static bool IsOptional(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>);

    public static async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellation)
    {
        var type = context.JsonTypeInfo.Type;
        if (IsOptional(type))
        {
            var inner = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellation);
            schema.Type = inner.Type;
            schema.Format = inner.Format;
            schema.Items = inner.Items;
            schema.Properties = inner.Properties;
            schema.Required = inner.Required;
            schema.AdditionalProperties = inner.AdditionalProperties;
            schema.Enum = inner.Enum;
        }

        if (OptionsOf(type) is not { } dialect || schema.Properties is not { Count: > 0 } properties) return;
        // The generator named each property with the app-wide policy; name it as the dialect does instead.
        var names = context.JsonTypeInfo.Properties
            .Where(p => p.AttributeProvider is System.Reflection.MemberInfo member
                        && !member.IsDefined(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), true))
            .ToDictionary(p => p.Name, p =>
            {
                var member = ((System.Reflection.MemberInfo)p.AttributeProvider!).Name;
                return dialect.PropertyNamingPolicy?.ConvertName(member) ?? member;
            });
        string Rename(string name) => names.GetValueOrDefault(name, name);
        schema.Properties = properties.ToDictionary(p => Rename(p.Key), p => p.Value);
        if (schema.Required is { Count: > 0 } required) schema.Required = required.Select(Rename).ToHashSet();
    }

    private static JsonSerializerOptions? OptionsOf(Type type) => type.Namespace switch
    {
        "Parties.Api.Dialects.PartiesApi" or "Parties.Api.Dialects.History" or "Parties.Api.Webhooks" => Dialects.PartiesApi.PartiesJson.Options,
        "Parties.Api.Dialects.Suppliers" => Dialects.Suppliers.SuppliersJson.Options,
        "Parties.Api.Dialects.Vendors" => Dialects.Vendors.VendorsJson.Options,
        _ => null,
    };
}
