using System.Diagnostics;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Parties.Api.Hosting;
using Parties.Api.Tests.Infrastructure;
using Shouldly;
using Wolverine;

namespace Parties.Api.Tests.Foundation;

/// <summary>A host of its own with an in-memory trace exporter. Spans are recorded only when an OTLP endpoint is set, so
/// it sets one on loopback where nothing listens (the OTLP exporter's failed sends are its own, silent).</summary>
public sealed class TracedAppFixture(TestPostgres postgres) : IAsyncLifetime
{
    public List<Activity> Spans { get; } = [];
    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var connection = await postgres.CreateDatabaseAsync("traced");
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Parties", connection);
            builder.UseSetting("Parties:AdminKey", AppFixture.AdminKey);
            builder.UseSetting(Telemetry.OtlpEndpointKey, "http://127.0.0.1:9");
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
                services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
            });
        });
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

public class a_request_is_traced(TracedAppFixture app) : IClassFixture<TracedAppFixture>
{
    [Fact]
    public async Task a_create_produces_http_wolverine_handler_and_database_spans_in_one_trace()
    {
        var org = await Organizations.CreateAsync(app.Host);
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { number = "T-1", party_type = "individual", first_name = "Trace" }).ToUrl("/api/parties/");
            s.WithApiKey(org.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        // Spans are exported as they end, which for the server span is just after the response: wait for them.
        Activity[] trace = [];
        for (var i = 0; i < 50; i++)
        {
            Activity[] spans;
            lock (app.Spans) spans = [.. app.Spans];
            var http = spans.LastOrDefault(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/api/parties"));
            trace = http is null ? [] : spans.Where(s => s.TraceId == http.TraceId).ToArray();
            if (trace.Any(s => s.Source.Name == "Wolverine") && trace.Any(s => s.Source.Name == "Npgsql")) break;
            await Task.Delay(100);
        }
        trace.ShouldContain(s => s.Source.Name == "Wolverine" && s.DisplayName.Contains("RegisterParty"),
            string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.DisplayName}")));
        trace.ShouldContain(s => s.Source.Name == "Npgsql");
    }
}
