using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Parties.Api.Hosting;

/// <summary>/health/live (the process answers) and /health/ready (PostgreSQL answers).</summary>
public static class Health
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddNpgSql(DatabaseConnection.From(builder.Configuration), name: "postgresql", tags: ["ready"],
                timeout: TimeSpan.FromSeconds(3));
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription();
        return app;
    }
}
