using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.History;

public class idempotency_key_is_in_the_openapi_document(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task every_write_that_takes_the_key_documents_it_and_no_read_does()
    {
        var document = await (await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).JsonAsync();
        var taking = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            if (!operation.Value.TryGetProperty("parameters", out var parameters)) continue;
            if (parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key" &&
                                                     p.GetProperty("in").GetString() == "header"))
                taking.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
        }

        taking.Order().ShouldBe(new[]
        {
            "DELETE /api/parties/{id}", "PATCH /api/parties/{id}", "PATCH /api/parties/bulk", "PATCH /v1.0/vendor/{vendorId}",
            "POST /Suppliers", "POST /api/parties", "POST /api/parties/bulk", "POST /v1.0/vendor", "PUT /Suppliers",
            "PUT /api/parties/{id}", "PUT /api/parties/bulk",
        }.Order(), string.Join(", ", taking));
    }
}
