using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>The API Deployment the chart renders with its default values.</summary>
public class helm_chart_renders_a_production_ready_deployment
{
    private static Rendering Defaults => Helm.Template();

    private static Yaml Api => Defaults.Deployment.FirstContainer;

    [Fact]
    public void liveness_readiness_and_startup_are_http_probes_on_the_health_endpoints()
    {
        Api["livenessProbe"]["httpGet"]["path"].Text.ShouldBe("/health/live");
        Api["readinessProbe"]["httpGet"]["path"].Text.ShouldBe("/health/ready");
        Api["startupProbe"]["httpGet"]["path"].Text.ShouldBe("/health/live");
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            Api[probe]["httpGet"]["port"].Text.ShouldBe("http", $"{probe} must target the container's http port");
        }
    }

    [Fact]
    public void probes_target_the_port_the_app_listens_on()
    {
        var http = Api["ports"].Items.SingleOrDefault(p => p["name"].Text == "http");
        http.ShouldNotBeNull("the container must name its port http");
        http["containerPort"].Text.ShouldBe("8080");
    }

    [Fact]
    public void the_pod_runs_as_non_root_user_10001_with_the_runtime_default_seccomp_profile()
    {
        var pod = Defaults.Deployment.PodSpec["securityContext"];
        pod["runAsNonRoot"].Text.ShouldBe("true");
        pod["runAsUser"].Text.ShouldBe("10001");
        pod["seccompProfile"]["type"].Text.ShouldBe("RuntimeDefault");
    }

    [Fact]
    public void the_container_has_a_read_only_root_filesystem_and_no_privileges()
    {
        var container = Api["securityContext"];
        container["runAsNonRoot"].Text.ShouldBe("true");
        container["runAsUser"].Text.ShouldBe("10001");
        container["readOnlyRootFilesystem"].Text.ShouldBe("true");
        container["allowPrivilegeEscalation"].Text.ShouldBe("false");
        container["capabilities"]["drop"].Texts.ShouldContain("ALL");
        container["capabilities"]["add"].Exists.ShouldBeFalse();
        container["seccompProfile"]["type"].Text.ShouldBe("RuntimeDefault");
    }

    [Fact]
    public void tmp_is_a_writable_empty_dir_because_the_root_filesystem_is_read_only()
    {
        var mount = Api["volumeMounts"].Items.SingleOrDefault(m => m["mountPath"].Text == "/tmp");
        mount.ShouldNotBeNull("the container must mount a volume at /tmp");
        var volume = Defaults.Deployment.PodSpec["volumes"].Items.SingleOrDefault(v => v["name"].Text == mount["name"].Text);
        volume.ShouldNotBeNull($"no volume named {mount["name"].Text} in the pod");
        volume["emptyDir"].Exists.ShouldBeTrue("/tmp must be an emptyDir");
    }

    [Fact]
    public void the_app_leaves_the_schema_to_the_migration_job()
    {
        var environment = Defaults.EnvironmentOf(Api);
        environment.ShouldContainKey("Parties__ApplySchemaOnStartup");
        environment["Parties__ApplySchemaOnStartup"].Value.ShouldBe("false");
    }

    [Fact]
    public void without_the_migration_job_the_app_applies_the_schema_itself()
    {
        var rendering = Helm.Template("--set", "migration.enabled=false");
        rendering.OfKind("Job").ShouldBeEmpty();
        rendering.EnvironmentOf(rendering.Deployment.FirstContainer)["Parties__ApplySchemaOnStartup"].Value.ShouldBe("true");
    }

    [Fact]
    public void the_environment_and_the_connection_string_come_from_the_chart_config_map_and_secret()
    {
        var environment = Defaults.EnvironmentOf(Api);
        environment["ASPNETCORE_ENVIRONMENT"].Value.ShouldBe("Production");

        var connectionString = environment["ConnectionStrings__Parties"];
        var secret = Defaults.Find("Secret", connectionString.SecretName!);
        secret.ShouldNotBeNull($"the Deployment reads the connection string from Secret {connectionString.SecretName}, which is not rendered");
        secret.HookEvents.ShouldBeEmpty("the API's Secret must be a release resource, not a hook");
        secret.Body["data"].Entries.ShouldContainKey(connectionString.SecretKey!);
        environment["Parties__AdminKey"].SecretName.ShouldBe(secret.Name);
    }

    [Fact]
    public void an_otlp_endpoint_reaches_the_app_environment_when_set()
    {
        Defaults.EnvironmentOf(Api).ShouldNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT");

        var rendering = Helm.Template("--set", "config.otlpEndpoint=http://collector:4317");
        rendering.EnvironmentOf(rendering.Deployment.FirstContainer)["OTEL_EXPORTER_OTLP_ENDPOINT"].Value
            .ShouldBe("http://collector:4317");
    }

    [Fact]
    public void replicas_are_set_when_autoscaling_is_off()
    {
        Defaults.Deployment.Spec["replicas"].Text.ShouldBe("2");
    }

    [Fact]
    public void pods_spread_across_zones_and_nodes()
    {
        var constraints = Defaults.Deployment.PodSpec["topologySpreadConstraints"].Items;
        constraints.Select(c => c["topologyKey"].Text).ShouldBe(["topology.kubernetes.io/zone", "kubernetes.io/hostname"], ignoreOrder: true);
        foreach (var constraint in constraints)
        {
            var selector = constraint["labelSelector"]["matchLabels"].Strings;
            selector.ShouldNotBeEmpty();
            foreach (var (key, value) in selector)
            {
                Defaults.Deployment.PodLabels.ShouldContainKeyAndValue(key, value, $"{constraint.Path} selects pods the Deployment does not make");
            }
        }
    }

    [Fact]
    public void the_container_requests_cpu_and_memory_and_has_a_memory_limit()
    {
        Api["resources"]["requests"]["cpu"].Exists.ShouldBeTrue();
        Api["resources"]["requests"]["memory"].Exists.ShouldBeTrue();
        Api["resources"]["limits"]["memory"].Exists.ShouldBeTrue();
    }

    [Fact]
    public void the_service_sends_traffic_to_api_pods_and_never_to_the_migration_pod()
    {
        var selector = Defaults.Single("Service").Spec["selector"].Strings;
        selector.ShouldNotBeEmpty();
        selector.ShouldAllBe(label => Defaults.Deployment.PodLabels.GetValueOrDefault(label.Key) == label.Value);
        selector.Any(label => Defaults.MigrationJob.PodLabels.GetValueOrDefault(label.Key) != label.Value)
            .ShouldBeTrue("the Service selector also matches the migration Job's pod");
        Defaults.Single("Service").Spec["ports"][0]["targetPort"].Text.ShouldBe("http");
    }

    [Fact]
    public void the_deployment_selector_matches_its_own_pods()
    {
        var selector = Defaults.Deployment.Spec["selector"]["matchLabels"].Strings;
        selector.ShouldNotBeEmpty();
        selector.ShouldAllBe(label => Defaults.Deployment.PodLabels.GetValueOrDefault(label.Key) == label.Value);
    }

    [Fact]
    public void the_pods_get_no_kubernetes_api_token()
    {
        Defaults.Deployment.PodSpec["automountServiceAccountToken"].Text.ShouldBe("false");
    }
}
