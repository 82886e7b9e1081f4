using Parties.Deploy.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Parties.Deploy.Tests;

/// <summary>
/// With <c>databases</c> (as in ci/sharded-values.yaml) each pooled database's connection string reaches the app and the
/// migration Job from its own Secret, as Parties__Databases__&lt;name&gt;; the Job applies the schema to each.
/// </summary>
public class pooled_databases_reach_the_app_and_the_migration
{
    private static readonly string ShardedValuesFile = Path.Combine(Helm.ChartDirectory, "ci", "sharded-values.yaml");
    private static readonly Rendering Sharded = Helm.Template("-f", ShardedValuesFile);

    [Fact]
    public void the_app_and_the_migration_job_get_every_database_from_its_secret()
    {
        foreach (var container in new[] { Sharded.Deployment.FirstContainer, Sharded.MigrationJob.FirstContainer })
        {
            var environment = Sharded.EnvironmentOf(container);
            environment["ConnectionStrings__Parties"].SecretName.ShouldBe("parties-master");
            environment["Parties__Databases__eu-1"].ShouldBe(new EnvSource(null, "parties-db-eu-1", "connectionString"));
            environment["Parties__Databases__eu-2"].ShouldBe(new EnvSource(null, "parties-db-eu-2", "connectionString"));
        }
    }

    [Fact]
    public void without_databases_there_is_one_database()
    {
        var rendering = Helm.Template();
        rendering.EnvironmentOf(rendering.Deployment.FirstContainer).Keys.ShouldNotContain(k => k.StartsWith("Parties__Databases__"));
    }

    [Theory]
    [InlineData("databases[0].name=EU_1", "databases[0].secretKeyRef.name=s", "databases[0].secretKeyRef.key=k")]
    [InlineData("databases[0].name=eu-1", "databases[0].secretKeyRef.name=s", "databases[0].secretKeyRef.key=")]
    [InlineData("databases[0].name=eu-1", "databases[0].password=secret", "databases[0].secretKeyRef.key=k")]
    public void a_database_without_a_name_or_a_secret_reference_is_refused_by_the_schema(params string[] values) =>
        Should.Throw<Exception>(() => Helm.Template([.. values.SelectMany(v => new[] { "--set", v })]));
}
