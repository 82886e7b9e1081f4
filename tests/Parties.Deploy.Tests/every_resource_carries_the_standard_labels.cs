using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>The app.kubernetes.io/* labels and name limits on everything the chart renders.</summary>
public class every_resource_carries_the_standard_labels
{
    public static TheoryData<string> ValueSets => new() { "default", "production" };

    private static Rendering Render(string valueSet) =>
        valueSet == "production" ? Helm.TemplateProduction() : Helm.Template();

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void every_resource_has_the_recommended_labels(string valueSet)
    {
        var rendering = Render(valueSet);
        rendering.Manifests.ShouldNotBeEmpty();
        foreach (var manifest in rendering.Manifests)
        {
            manifest.Labels.GetValueOrDefault("app.kubernetes.io/name").ShouldBe("parties", manifest.Id);
            manifest.Labels.GetValueOrDefault("app.kubernetes.io/instance").ShouldBe(Helm.ReleaseName, manifest.Id);
            manifest.Labels.GetValueOrDefault("app.kubernetes.io/managed-by").ShouldBe("Helm", manifest.Id);
            manifest.Labels.GetValueOrDefault("app.kubernetes.io/version").ShouldNotBeNullOrEmpty(manifest.Id);
            manifest.Labels.GetValueOrDefault("app.kubernetes.io/component").ShouldBeOneOf(["api", "migration"], manifest.Id);
        }
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void every_resource_lands_in_the_release_namespace_with_a_dns_label_name(string valueSet)
    {
        foreach (var manifest in Render(valueSet).Manifests)
        {
            manifest.Body["metadata"]["namespace"].Text.ShouldBe(Helm.Namespace, manifest.Id);
            manifest.Name.ShouldNotBeNull().ShouldMatch("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", manifest.Id);
        }
    }

    [Fact]
    public void a_long_release_name_still_gives_valid_names()
    {
        var result = Helm.Run("--set", "fullnameOverride=" + new string('p', 63));
        result.ExitCode.ShouldBe(0, result.StandardError);
        foreach (var manifest in Rendering.Parse(result.StandardOutput).Manifests)
        {
            manifest.Name.ShouldNotBeNull().Length.ShouldBeLessThanOrEqualTo(63, manifest.Id);
        }
    }
}
