using Microsoft.OpenApi;

namespace Parties.Api.History;

/// <summary>What the OpenAPI generator cannot see of the history endpoints.</summary>
public static class HistoryOpenApi
{
    /// <summary>
    /// Query parameters that a handler reads and checks itself (to answer a bad value in its dialect's shape,
    /// naming the parameter, rather than with the framework's binding failure).
    /// </summary>
    public static TBuilder DocumentQuery<TBuilder>(this TBuilder builder,
        params (string Name, JsonSchemaType Type, string Description)[] parameters)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, type, description) in parameters)
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name, In = ParameterLocation.Query, Description = description, Schema = new OpenApiSchema { Type = type },
                });
            return Task.CompletedTask;
        });

    /// <summary>The 200 answer may also be CSV text (content negotiation on the same URL).</summary>
    public static TBuilder ProducesCsvToo<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
            return Task.CompletedTask;
        });

    public static readonly (string, JsonSchemaType, string)[] PointInTime =
    [
        (History.PointInTime.AsOfParameter, JsonSchemaType.String, "The party as it was at this RFC 3339 time (with an offset)"),
        (History.PointInTime.VersionParameter, JsonSchemaType.Integer, "The party as it was at this version (from 1); not with as_of"),
    ];
}
