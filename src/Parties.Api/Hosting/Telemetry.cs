using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Parties.Api.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, Npgsql, Wolverine, Marten), exported over OTLP when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set; JSON logs (with the request id scope) in Production.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "parties";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql()
                .AddSource("Wolverine", "Marten"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Wolverine", "Marten", "Npgsql"));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) otel.UseOtlpExporter();

        if (builder.Environment.IsProduction())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }
        return builder;
    }
}
