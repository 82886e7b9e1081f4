using System.Text.Json;
using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>
/// deploy/Dockerfile and the chart describe the same container: the user the chart asserts with
/// runAsUser, the port its probes use, the entrypoint its migration Job spells out. And the base
/// images come from BASE_REGISTRY, which deploy/tools/build-image.sh points at the images it builds.
/// </summary>
public class the_image_is_what_the_chart_expects
{
    private static readonly Dockerfile Image = Dockerfile.Read();

    private static Rendering Defaults => Helm.Template();

    [Fact]
    public void the_image_runs_as_the_user_and_group_the_chart_runs_it_as()
    {
        Image.Final.Last("USER").ShouldBe("10001:10001");
        var container = Defaults.Deployment.FirstContainer["securityContext"];
        $"{container["runAsUser"].Text}:{container["runAsGroup"].Text}".ShouldBe(Image.Final.Last("USER"));
    }

    [Fact]
    public void the_image_exposes_the_port_the_chart_probes()
    {
        var http = Defaults.Deployment.FirstContainer["ports"].Items.Single(p => p["name"].Text == "http");
        Image.Final.Last("EXPOSE").ShouldBe(http["containerPort"].Text);
        Image.Final.Last("ENV").ShouldNotBeNull().ShouldContain($"ASPNETCORE_URLS=http://+:{http["containerPort"].Text}");
    }

    [Fact]
    public void the_migration_job_command_is_the_image_entrypoint()
    {
        var entrypoint = JsonSerializer.Deserialize<string[]>(Image.Final.Last("ENTRYPOINT").ShouldNotBeNull());
        entrypoint.ShouldBe(["dotnet", "Parties.Api.dll"]);
        Defaults.MigrationJob.FirstContainer["command"].Texts.ShouldBe(entrypoint);
        Image.Final.Last("WORKDIR").ShouldBe("/app", "the entrypoint names Parties.Api.dll relative to the working directory");
    }

    [Fact]
    public void every_base_image_comes_from_base_registry_which_defaults_to_mcr()
    {
        Image.GlobalInstructions.ShouldContain(new Instruction("ARG", "BASE_REGISTRY=mcr.microsoft.com"));
        Image.Stages.Select(s => s.BaseImage).ShouldBe(["${BASE_REGISTRY}/dotnet/sdk:10.0", "${BASE_REGISTRY}/dotnet/aspnet:10.0"]);
    }

    [Fact]
    public void build_image_sh_builds_every_base_image_the_dockerfile_uses()
    {
        var script = File.ReadAllText(Path.Combine(Helm.RepositoryRoot, "deploy", "tools", "build-image.sh"));
        foreach (var baseImage in Image.Stages.Select(s => s.BaseImage))
        {
            script.ShouldContain(baseImage.Replace("${BASE_REGISTRY}", "$base_registry"), Case.Sensitive,
                $"deploy/tools/build-image.sh does not build {baseImage}");
        }
    }
}
