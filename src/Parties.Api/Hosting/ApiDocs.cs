using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Parties.Api.Hosting;

/// <summary>OpenAPI at /openapi/v1.json and Scalar at /scalar, served entirely by the app (no CDN, no fonts).</summary>
public static class ApiDocs
{
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.ConfigureDialectSchemas().AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Parties",
                Version = "v1",
                Description = "Party master data for ERP integrations: the Parties, Vendors and Suppliers dialects over one event-sourced store.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "Authorization",
                Description = "Authorization: Api-Key <key>",
            };
            document.Components.SecuritySchemes["Cin7AccountId"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "api-auth-accountid",
                Description = "Suppliers dialect: the organization's accountId",
            };
            document.Components.SecuritySchemes["Cin7ApplicationKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "api-auth-applicationkey",
                Description = "Suppliers dialect: an API key of the organization",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference(o => o.WithTitle("Parties API").DisableDefaultFonts().DisableTelemetry().DisableAgent().HideDeveloperTools());
        return app;
    }
}
