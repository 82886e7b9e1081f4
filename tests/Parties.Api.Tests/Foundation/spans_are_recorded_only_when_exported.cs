using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

/// <summary>Without an OTLP endpoint nothing would export a span: no tracer listens, so no request, handler or SQL command
/// records one (a_request_is_traced proves the spans with an endpoint).</summary>
public class spans_are_recorded_only_when_exported(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public void a_service_without_an_otlp_endpoint_has_no_tracer() =>
        app.Host.Services.GetService<TracerProvider>().ShouldBeNull();
}
