using Marten;
using Npgsql;
using Parties.Tenancy;
using Weasel.Core.MultiTenancy;

namespace Parties.Api.Hosting;

/// <summary>
/// Growing a single-database deployment into a pool: the organizations it already holds have their rows in the master
/// database and no assignment. When the master is also listed as a pooled database, they are assigned to it at start-up
/// and stay where they are; when it is not, start-up is refused, since no database would serve them. Marten's assignment
/// is an upsert under its own lock, so replicas starting together assign each organization once.
/// </summary>
public sealed partial class SingleDatabaseAdoption(IDocumentStore store, IPlatformStore platform, IConfiguration configuration,
    ILogger<SingleDatabaseAdoption> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.Options.Tenancy is not ITenantDatabasePool pool) return;
        await using var session = platform.LightweightSession();
        var unplaced = new List<Organization>();
        foreach (var organization in await session.Query<Organization>().ToListAsync(cancellationToken))
            if (await pool.FindDatabaseForTenantAsync(organization.Id, cancellationToken) is null) unplaced.Add(organization);
        if (unplaced.Count == 0) return;

        var home = MasterAsPooled(configuration) ?? throw new InvalidOperationException(
            $"{unplaced.Count} organization(s) of the single database (ConnectionStrings:Parties) have no pooled database: " +
            $"list that database under {PooledDatabases.Section} too, so they stay where their rows are.");
        foreach (var organization in unplaced)
        {
            await store.Advanced.AddTenantToShardAsync(organization.Id, home, cancellationToken);
            organization.Database = home;
            session.Store(organization);
        }
        await session.SaveChangesAsync(cancellationToken);
        Adopted(log, unplaced.Count, home);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The name under which the master database is also pooled (same host, port and database), if it is.</summary>
    private static string? MasterAsPooled(IConfiguration configuration)
    {
        var master = new NpgsqlConnectionStringBuilder(DatabaseConnection.From(configuration));
        return PooledDatabases.From(configuration)
            .Where(d => SameDatabase(master, new NpgsqlConnectionStringBuilder(d.ConnectionString)))
            .Select(d => d.Name).FirstOrDefault();
    }

    private static bool SameDatabase(NpgsqlConnectionStringBuilder a, NpgsqlConnectionStringBuilder b) =>
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port &&
        string.Equals(a.Database, b.Database, StringComparison.Ordinal);

    [LoggerMessage(LogLevel.Information, "{Count} organization(s) of the single database were placed on pooled database {Database}")]
    private static partial void Adopted(ILogger log, int count, string database);
}
