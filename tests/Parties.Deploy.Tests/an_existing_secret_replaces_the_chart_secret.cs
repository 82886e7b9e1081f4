using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>
/// With secret.existingSecret (as in ci/production-values.yaml) the credentials live in a Secret
/// managed outside the chart: the pods and the migration Job read it, and the chart renders none.
/// </summary>
public class an_existing_secret_replaces_the_chart_secret
{
    private static readonly Yaml ProductionValues =
        Yaml.ParseDocument(File.ReadAllText(Helm.ProductionValuesFile), "production-values");

    private static string ExistingSecret => ProductionValues["secret"]["existingSecret"].Text.ShouldNotBeNull();

    private static string ConnectionStringKey => ProductionValues["secret"]["keys"]["connectionString"].Text.ShouldNotBeNull();

    private static Rendering Production => Helm.TemplateProduction();

    [Fact]
    public void the_deployment_reads_the_connection_string_from_the_existing_secret()
    {
        var connectionString = Production.EnvironmentOf(Production.Deployment.FirstContainer)["ConnectionStrings__Parties"];
        connectionString.SecretName.ShouldBe(ExistingSecret);
        connectionString.SecretKey.ShouldBe(ConnectionStringKey);
    }

    [Fact]
    public void the_migration_job_reads_the_connection_string_from_the_existing_secret()
    {
        var connectionString = Production.EnvironmentOf(Production.MigrationJob.FirstContainer)["ConnectionStrings__Parties"];
        connectionString.SecretName.ShouldBe(ExistingSecret);
        connectionString.SecretKey.ShouldBe(ConnectionStringKey);
    }

    [Fact]
    public void no_secret_with_a_connection_string_is_rendered()
    {
        var secretsWithConnectionString = Production.OfKind("Secret")
            .Where(secret => secret.Body["data"].Entries.Keys.Concat(secret.Body["stringData"].Entries.Keys)
                .Any(key => key == ConnectionStringKey || key == "ConnectionStrings__Parties"))
            .Select(secret => secret.Id);
        secretsWithConnectionString.ShouldBeEmpty();
        Production.Find("Secret", ExistingSecret).ShouldBeNull("the chart must not render the existing Secret itself");
    }

    [Fact]
    public void the_existing_secret_name_is_used_with_the_default_key_names_too()
    {
        var rendering = Helm.Template("--set", "secret.existingSecret=db-credentials");
        rendering.OfKind("Secret").ShouldBeEmpty();
        var environment = rendering.EnvironmentOf(rendering.Deployment.FirstContainer);
        environment["ConnectionStrings__Parties"].ShouldBe(new EnvSource(null, "db-credentials", "ConnectionStrings__Parties"));
        environment["Parties__AdminKey"].ShouldBe(new EnvSource(null, "db-credentials", "Parties__AdminKey"));
    }
}
