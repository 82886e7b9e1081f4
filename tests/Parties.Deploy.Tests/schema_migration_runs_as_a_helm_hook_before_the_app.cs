using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>
/// The schema is applied once per install or upgrade by a Helm hook Job, before the new pods start.
/// A pre-install hook runs before any other resource of the release exists, so everything the Job
/// needs must be a hook created before it, or exist outside the chart.
/// </summary>
public class schema_migration_runs_as_a_helm_hook_before_the_app
{
    public static TheoryData<string> ValueSets => new() { "default", "production" };

    private static Rendering Render(string valueSet) =>
        valueSet == "production" ? Helm.TemplateProduction() : Helm.Template();

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void the_job_is_a_pre_install_and_pre_upgrade_hook(string valueSet)
    {
        var job = Render(valueSet).MigrationJob;
        job.HookEvents.ShouldBe(["pre-install", "pre-upgrade"], ignoreOrder: true);
        job.Annotations.GetValueOrDefault("helm.sh/hook-delete-policy").ShouldNotBeNull()
            .Split(',').ShouldContain("before-hook-creation");
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void the_job_runs_resources_setup_with_the_app_image(string valueSet)
    {
        var rendering = Render(valueSet);
        var container = rendering.MigrationJob.FirstContainer;
        var commandLine = string.Join(' ', container["command"].Texts.Concat(container["args"].Texts));
        commandLine.ShouldBe("dotnet Parties.Api.dll resources setup");
        container["image"].Text.ShouldBe(rendering.Deployment.FirstContainer["image"].Text);
        rendering.MigrationJob.PodSpec["restartPolicy"].Text.ShouldBe("Never");
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void the_job_runs_with_the_app_security_context_and_a_writable_tmp(string valueSet)
    {
        var rendering = Render(valueSet);
        var job = rendering.MigrationJob;
        job.PodSpec["securityContext"].ToYamlText().ShouldBe(rendering.Deployment.PodSpec["securityContext"].ToYamlText());
        job.FirstContainer["securityContext"].ToYamlText().ShouldBe(rendering.Deployment.FirstContainer["securityContext"].ToYamlText());
        job.FirstContainer["securityContext"]["readOnlyRootFilesystem"].Text.ShouldBe("true");
        job.FirstContainer["securityContext"]["runAsNonRoot"].Text.ShouldBe("true");
        job.FirstContainer["securityContext"]["allowPrivilegeEscalation"].Text.ShouldBe("false");
        job.FirstContainer["volumeMounts"].Items.Select(m => m["mountPath"].Text).ShouldContain("/tmp");
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void the_job_gets_the_app_configuration_and_connection_string(string valueSet)
    {
        var rendering = Render(valueSet);
        var app = rendering.EnvironmentOf(rendering.Deployment.FirstContainer);
        var job = rendering.EnvironmentOf(rendering.MigrationJob.FirstContainer);

        foreach (var (name, source) in app.Where(variable => variable.Value.Value is not null))
        {
            job.ShouldContainKey(name);
            job[name].Value.ShouldBe(source.Value, $"the Job's {name} differs from the app's");
        }
        job.ShouldContainKey("ConnectionStrings__Parties");
        job["ConnectionStrings__Parties"].SecretKey.ShouldBe(app["ConnectionStrings__Parties"].SecretKey);
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public void everything_the_job_needs_exists_before_it_runs(string valueSet)
    {
        // A chart resource the Job refers to must be a hook of the same events with a lower weight:
        // a release resource does not exist yet when a pre-install hook runs, and the Job would hang.
        var rendering = Render(valueSet);
        var job = rendering.MigrationJob;
        var references = new List<(string Kind, string Name)>();
        foreach (var variable in job.FirstContainer["env"].Items)
        {
            if (variable["valueFrom"]["secretKeyRef"]["name"].Text is { } secret) references.Add(("Secret", secret));
            if (variable["valueFrom"]["configMapKeyRef"]["name"].Text is { } configMap) references.Add(("ConfigMap", configMap));
        }
        foreach (var source in job.FirstContainer["envFrom"].Items)
        {
            if (source["secretRef"]["name"].Text is { } secret) references.Add(("Secret", secret));
            if (source["configMapRef"]["name"].Text is { } configMap) references.Add(("ConfigMap", configMap));
        }
        references.Add(("ServiceAccount", job.PodSpec["serviceAccountName"].Text ?? "default"));

        references.ShouldContain(reference => reference.Kind == "Secret", "the Job reads no Secret: where does its connection string come from?");
        foreach (var (kind, name) in references.Distinct())
        {
            if (rendering.Find(kind, name) is not { } resource)
            {
                continue; // not made by the chart: existingSecret, or an existing ServiceAccount
            }
            resource.HookEvents.ShouldBe(job.HookEvents, ignoreOrder: true,
                $"the Job uses {resource.Id}, which is not created by the same hooks");
            resource.HookWeight.ShouldBeLessThan(job.HookWeight, $"{resource.Id} must be created before the Job");
        }
    }

    [Fact]
    public void the_hook_secret_holds_the_same_connection_string_as_the_app_secret()
    {
        var rendering = Helm.Template("--set", "secret.connectionString=Host=db;Database=parties");
        var app = rendering.EnvironmentOf(rendering.Deployment.FirstContainer)["ConnectionStrings__Parties"];
        var job = rendering.EnvironmentOf(rendering.MigrationJob.FirstContainer)["ConnectionStrings__Parties"];
        var appSecret = rendering.Find("Secret", app.SecretName!).ShouldNotBeNull();
        var jobSecret = rendering.Find("Secret", job.SecretName!).ShouldNotBeNull();
        jobSecret.Body["data"][job.SecretKey!].Text.ShouldBe(appSecret.Body["data"][app.SecretKey!].Text);
        jobSecret.Body["data"][job.SecretKey!].Text.ShouldBe(Convert.ToBase64String("Host=db;Database=parties"u8));
    }
}
