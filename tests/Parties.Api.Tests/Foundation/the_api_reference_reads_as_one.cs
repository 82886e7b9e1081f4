using System.Text.Json;
using Alba;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Foundation;

/// <summary>Scalar lists operations by summary and groups them by tag: a bare path or a shuffled tag reads badly.</summary>
public class the_api_reference_reads_as_one(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Verbs = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private async Task<JsonElement> DocumentAsync() =>
        await (await app.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).JsonAsync();

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where Verbs.Contains(operation.Name)
        select ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);

    private static bool HasText(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && !string.IsNullOrWhiteSpace(value.GetString());

    [Fact]
    public async Task every_operation_has_a_summary_and_a_description()
    {
        var operations = Operations(await DocumentAsync()).ToList();
        operations.Count.ShouldBeGreaterThan(40);
        operations.Where(o => !HasText(o.Operation, "summary")).Select(o => o.Name).ShouldBeEmpty("no summary");
        operations.Where(o => !HasText(o.Operation, "description")).Select(o => o.Name).ShouldBeEmpty("no description");
    }

    [Fact]
    public async Task the_tags_read_parties_duplicates_vendors_suppliers_history_then_admin_each_described()
    {
        var document = await DocumentAsync();
        var tags = document.GetProperty("tags").EnumerateArray().ToList();
        tags.Select(t => t.GetProperty("name").GetString()).ShouldBe(["Parties", "Duplicates", "Vendors", "Suppliers", "History", "Webhooks", "Admin"]);
        tags.Where(t => !HasText(t, "description")).Select(t => t.GetProperty("name").GetString()).ShouldBeEmpty();

        string Description(int index) => tags[index].GetProperty("description").GetString()!;
        Description(0).ShouldContain("Django REST Framework");
        Description(1).ShouldContain("likely the same");
        Description(2).ShouldContain("Pazy");
        Description(3).ShouldContain("Cin7 Core");

        var untagged = Operations(document)
            .Where(o => !o.Operation.TryGetProperty("tags", out var t) || t.GetArrayLength() != 1)
            .Select(o => o.Name);
        untagged.ShouldBeEmpty("each operation sits under exactly one tag");
    }
}
