using System.Collections.Immutable;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Parties.Api.Hosting;

/// <summary>OpenAPI at /openapi/v1.json and Scalar at /scalar, served entirely by the app (no CDN, no fonts).</summary>
public static class ApiDocs
{
    public const string DocumentName = "v1";

    /// <summary>The reference reads as one: the three copied APIs, what the event store adds, then administration.</summary>
    public static readonly ImmutableArray<string> TagOrder = ["Parties", "Duplicates", "Vendors", "Suppliers", "History", "Webhooks", "Admin"];

    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options => options
            .InlineOptionalValues()
            .AddDocumentTransformer(DescribeService)
            .AddDocumentTransformer(OrderAndDescribeTags));
        return builder;
    }

    /// <summary>What a feature adds to the API reference from its own folder (its schemas' naming, its schemes).</summary>
    public static IServiceCollection ConfigureApiDocs(this IServiceCollection services, Action<OpenApiOptions> configure) =>
        services.Configure(DocumentName, configure);

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference(o => o
            .WithTitle("Parties API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .HideDeveloperTools());
        return app;
    }

    private static Task DescribeService(OpenApiDocument document, OpenApiDocumentTransformerContext context,
        CancellationToken cancellation)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Parties",
            Version = "v1",
            Description = "Party master data for ERP integrations: the Parties, Vendors and Suppliers dialects " +
                          "over one event-sourced store.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "Authorization",
            Description = "Authorization: Api-Key <key>",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
        return Task.CompletedTask;
    }

    private static Task OrderAndDescribeTags(OpenApiDocument document, OpenApiDocumentTransformerContext context,
        CancellationToken cancellation)
    {
        var descriptions = context.DescriptionGroups
            .SelectMany(g => g.Items)
            .SelectMany(d => d.ActionDescriptor.EndpointMetadata.OfType<ApiTag>())
            .DistinctBy(t => t.Name)
            .ToDictionary(t => t.Name, t => t.Description);
        var names = (document.Tags ?? Enumerable.Empty<OpenApiTag>()).Select(t => t.Name!).Union(descriptions.Keys);
        int Rank(string name) => TagOrder.IndexOf(name) is var at and >= 0 ? at : TagOrder.Length;
        // A set without removals enumerates in insertion order, which is the order the document is written in.
        document.Tags = new HashSet<OpenApiTag>(names
            .OrderBy(Rank)
            .ThenBy(n => n, StringComparer.Ordinal)
            .Select(n => new OpenApiTag { Name = n, Description = descriptions.GetValueOrDefault(n) }));
        return Task.CompletedTask;
    }
}
