using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>HorizontalPodAutoscaler, PodDisruptionBudget and Ingress follow their switches.</summary>
public class autoscaling_and_disruption_budget_render_when_enabled
{
    private static readonly Yaml ProductionValues =
        Yaml.ParseDocument(File.ReadAllText(Helm.ProductionValuesFile), "production-values");

    private static Rendering Production => Helm.TemplateProduction();

    [Fact]
    public void the_production_values_turn_autoscaling_on()
    {
        var hpa = Production.Single("HorizontalPodAutoscaler");
        hpa.ApiVersion.ShouldBe("autoscaling/v2");
        hpa.Spec["scaleTargetRef"]["kind"].Text.ShouldBe("Deployment");
        hpa.Spec["scaleTargetRef"]["name"].Text.ShouldBe(Production.Deployment.Name);
        hpa.Spec["minReplicas"].Text.ShouldBe(ProductionValues["autoscaling"]["minReplicas"].Text);
        hpa.Spec["maxReplicas"].Text.ShouldBe(ProductionValues["autoscaling"]["maxReplicas"].Text);
        hpa.Spec["metrics"].Items.ShouldNotBeEmpty();
    }

    [Fact]
    public void the_deployment_leaves_the_replica_count_to_the_autoscaler()
    {
        Production.Deployment.Spec["replicas"].Exists.ShouldBeFalse("with an HPA the Deployment must not set replicas, or every upgrade resets the scale");
    }

    [Fact]
    public void the_production_values_keep_a_disruption_budget_over_the_api_pods()
    {
        var pdb = Production.Single("PodDisruptionBudget");
        pdb.ApiVersion.ShouldBe("policy/v1");
        pdb.Spec["minAvailable"].Text.ShouldBe(ProductionValues["pdb"]["minAvailable"].Text);
        var selector = pdb.Spec["selector"]["matchLabels"].Strings;
        selector.ShouldNotBeEmpty();
        selector.ShouldAllBe(label => Production.Deployment.PodLabels.GetValueOrDefault(label.Key) == label.Value);
    }

    [Fact]
    public void the_production_values_expose_the_api_through_an_ingress_with_tls()
    {
        var ingress = Production.Single("Ingress");
        var host = ProductionValues["ingress"]["hosts"][0]["host"].Text.ShouldNotBeNull();
        ingress.Spec["rules"][0]["host"].Text.ShouldBe(host);
        ingress.Spec["tls"][0]["hosts"].Texts.ShouldContain(host);
        ingress.Spec["tls"][0]["secretName"].Text.ShouldNotBeNullOrEmpty();
        var backend = ingress.Spec["rules"][0]["http"]["paths"][0]["backend"]["service"];
        backend["name"].Text.ShouldBe(Production.Single("Service").Name);
        backend["port"]["name"].Text.ShouldBe("http");
    }

    [Fact]
    public void the_defaults_render_no_autoscaler_and_no_ingress_but_a_disruption_budget()
    {
        var defaults = Helm.Template();
        defaults.OfKind("HorizontalPodAutoscaler").ShouldBeEmpty();
        defaults.OfKind("Ingress").ShouldBeEmpty();
        defaults.Single("PodDisruptionBudget").Spec["maxUnavailable"].Text.ShouldBe("1");
    }

    [Fact]
    public void the_disruption_budget_can_be_switched_off()
    {
        Helm.Template("--set", "pdb.create=false").OfKind("PodDisruptionBudget").ShouldBeEmpty();
    }

    [Fact]
    public void autoscaling_alone_turns_the_autoscaler_on()
    {
        var rendering = Helm.Template("--set", "autoscaling.enabled=true", "--set", "autoscaling.minReplicas=4");
        rendering.Single("HorizontalPodAutoscaler").Spec["minReplicas"].Text.ShouldBe("4");
        rendering.Deployment.Spec["replicas"].Exists.ShouldBeFalse();
    }
}
