using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

/// <summary>The live OpenAPI document, linted by Spectral (spectral:oas, pinned in deploy/package.json): zero errors.</summary>
public class the_openapi_document_lints_clean(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task spectral_finds_no_errors_in_the_served_openapi_document()
    {
        var root = Repository.Root();
        var spectral = Path.Combine(root, "deploy", "node_modules", ".bin", "spectral");
        File.Exists(spectral).ShouldBeTrue("run deploy/tools/install.sh first (deploy/local/test.sh does)");

        var document = await (await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadAsTextAsync();
        var file = Path.Combine(Path.GetTempPath(), $"parties-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var (exit, output) = await Repository.RunAsync(spectral,
                $"lint --ruleset \"{Path.Combine(root, "deploy", ".spectral.yaml")}\" --fail-severity error \"{file}\"");
            exit.ShouldBe(0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
