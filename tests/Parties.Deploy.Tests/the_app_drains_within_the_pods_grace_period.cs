using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>The app's shutdown timeout and statement timeout, as the chart configures them.</summary>
public class the_app_drains_within_the_pods_grace_period
{
    private static IReadOnlyDictionary<string, EnvSource> Environment(params string[] arguments)
    {
        var rendering = Helm.Template(arguments);
        return rendering.EnvironmentOf(rendering.Deployment.FirstContainer);
    }

    [Theory]
    [InlineData(new string[0], "20")]
    [InlineData(new[] { "--set", "terminationGracePeriodSeconds=60", "--set", "preStopSleepSeconds=10" }, "45")]
    [InlineData(new[] { "--set", "terminationGracePeriodSeconds=5" }, "1")]
    public void the_shutdown_timeout_is_the_grace_period_less_the_pre_stop_sleep_and_a_margin(string[] arguments, string seconds) =>
        Environment(arguments)["Parties__ShutdownTimeoutSeconds"].Value.ShouldBe(seconds);

    [Fact]
    public void statements_are_cut_after_30_seconds_unless_configured()
    {
        Environment()["Parties__StatementTimeoutSeconds"].Value.ShouldBe("30");
        Environment("--set", "config.statementTimeoutSeconds=5")["Parties__StatementTimeoutSeconds"].Value.ShouldBe("5");
    }
}
