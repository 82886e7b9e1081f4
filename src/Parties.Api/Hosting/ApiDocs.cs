using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Parties.Api.Hosting;

/// <summary>OpenAPI at /openapi/v1.json and Scalar at /scalar, served entirely by the app (no CDN, no fonts).</summary>
public static class ApiDocs
{
    public const string DocumentName = "v1";

    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options => options.InlineOptionalValues().AddDocumentTransformer((document, _, _) =>
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
        }));
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
}
