using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>values.schema.json makes helm refuse values of the wrong type and unknown keys.</summary>
public class chart_values_are_checked_against_the_schema
{
    [Theory]
    [InlineData("replicaCount=three", "replicaCount")]
    [InlineData("image.pullPolicy=Sometimes", "pullPolicy")]
    [InlineData("autoscaling.enabled=yes-please", "autoscaling.enabled")]
    [InlineData("service.port=0", "service.port")]
    [InlineData("replicas=3", "replicas")]
    [InlineData("secret.existingSecretName=db", "existingSecretName")]
    [InlineData("config.typeLoadMode=Auto", "typeLoadMode")]
    public void a_wrong_value_is_refused_with_its_name(string setting, string reported)
    {
        var result = Helm.Run("--set", setting);
        result.ExitCode.ShouldNotBe(0, $"helm template accepted --set {setting}");
        result.StandardError.ShouldContain(reported);
    }

    [Fact]
    public void the_production_values_pass_the_schema()
    {
        var result = Helm.Run("-f", Helm.ProductionValuesFile);
        result.ExitCode.ShouldBe(0, result.StandardError);
    }
}
