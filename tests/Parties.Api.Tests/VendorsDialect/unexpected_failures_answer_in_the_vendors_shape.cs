using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parties.Api.Dialects.Vendors;
using Parties.Api.Errors;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.VendorsDialect;

public class unexpected_failures_answer_in_the_vendors_shape(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task an_exception_under_v1_is_a_500_internal_error_in_the_envelope()
    {
        var endpoint = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "vendors_details");
        var http = new DefaultHttpContext { RequestServices = app.Host.Services.CreateScope().ServiceProvider };
        http.Request.Path = "/v1.0/vendor/abc";
        http.SetEndpoint(endpoint);
        http.Response.Body = new MemoryStream();
        var errors = ErrorHandling.For(http);
        errors.ShouldBe(VendorsErrors.Instance);

        await errors.Internal().ExecuteAsync(http);

        http.Response.StatusCode.ShouldBe(500);
        http.Response.Body.Position = 0;
        (await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body))
            .ShouldBeJson("""{ "ok": false, "error": { "code": "INTERNAL_ERROR", "message": "Internal error" } }""");
    }
}
