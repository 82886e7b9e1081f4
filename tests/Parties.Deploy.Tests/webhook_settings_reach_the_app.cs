using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>The webhook settings (Parties:Webhooks:*) as the chart passes them to the app.</summary>
public class webhook_settings_reach_the_app
{
    private static IReadOnlyDictionary<string, EnvSource> Environment(params string[] arguments)
    {
        var rendering = Helm.Template(arguments);
        return rendering.EnvironmentOf(rendering.Deployment.FirstContainer);
    }

    [Fact]
    public void private_targets_are_refused_deliveries_wait_10_seconds_and_the_app_keeps_its_retry_schedule_unless_configured()
    {
        var defaults = Environment();
        defaults["Parties__Webhooks__AllowPrivateTargets"].Value.ShouldBe("false");
        defaults["Parties__Webhooks__TimeoutSeconds"].Value.ShouldBe("10");
        defaults.ContainsKey("Parties__Webhooks__RetrySchedule").ShouldBeFalse();

        var set = Environment("--set", "config.webhooks.allowPrivateTargets=true", "--set", "config.webhooks.timeoutSeconds=3",
            "--set", @"config.webhooks.retrySchedule=00:00:05\,00:01:00");
        set["Parties__Webhooks__AllowPrivateTargets"].Value.ShouldBe("true");
        set["Parties__Webhooks__TimeoutSeconds"].Value.ShouldBe("3");
        set["Parties__Webhooks__RetrySchedule"].Value.ShouldBe("00:00:05,00:01:00");
    }

    [Fact]
    public void a_retry_schedule_that_is_not_durations_is_refused_by_the_schema() =>
        Should.Throw<Exception>(() => Helm.Template("--set", "config.webhooks.retrySchedule=soon"));
}
