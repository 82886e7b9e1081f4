using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parties.Tenancy;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>
/// The app in sharded mode: its master database on the test run's PostgreSQL and a pool of two databases, <see cref="One"/>
/// and <see cref="Two"/>, each on a PostgreSQL cluster of its own (so a test can stop one); two instances of the app,
/// as two replicas. The pooled connection strings carry a password (ignored by the clusters' trust authentication) that
/// must never reach a table.
/// </summary>
public sealed class ShardedApp(TestPostgres postgres) : IAsyncLifetime
{
    public const string One = "one", Two = "two", Password = "never-in-a-table";

    private readonly Dictionary<string, PostgresCluster> _clusters = [];
    private readonly Dictionary<string, string> _databases = [];

    public string Master { get; private set; } = "";
    public IAlbaHost First { get; private set; } = null!;
    public IAlbaHost Second { get; private set; } = null!;
    public IDocumentStore Store => First.Services.GetRequiredService<IDocumentStore>();
    public IPlatformStore Platform => First.Services.GetRequiredService<IPlatformStore>();

    public PostgresCluster Cluster(string database) => _clusters[database];

    /// <summary>The instance that serves the i-th request: alternately one and the other.</summary>
    public IAlbaHost For(int i) => i % 2 == 0 ? First : Second;

    public async ValueTask InitializeAsync()
    {
        var clusters = await Task.WhenAll(PostgresCluster.CreateAsync(maxConnections: 150), PostgresCluster.CreateAsync(maxConnections: 150));
        _clusters[One] = clusters[0];
        _clusters[Two] = clusters[1];
        foreach (var (name, cluster) in _clusters) _databases[name] = await cluster.CreateDatabaseAsync($"pooled_{name}");
        Master = await postgres.CreateDatabaseAsync("master");
        (string, string)[] settings =
        [
            ("Parties:RateLimit:PermitsPerMinute", "0"), ("Parties:RateLimit:SuppliersPermitsPerMinute", "0"),
            ("Parties:Limits:ConcurrentBulkRequests", "0"), ("Parties:Limits:ConcurrentBatchRequests", "0"),
            ("Parties:Webhooks:AllowPrivateTargets", "true"), ("Parties:Idempotency:PurgeEvery", "00:00:00.200"),
            .. _databases.Select(d => ($"Parties:Databases:{d.Key}", $"{d.Value};Password={Password}")),
        ];
        First = await AppFixture.StartHostAsync(Master, settings);
        Second = await AppFixture.StartHostAsync(Master, settings);
    }

    /// <summary>The app's settings of the pool, as environment variables (for the app run as a command).</summary>
    public IEnumerable<(string, string)> PoolEnvironment =>
        _databases.Select(d => ($"Parties__Databases__{d.Key}", d.Value)).Prepend(("ConnectionStrings__Parties", Master));

    /// <summary>Runs SQL on a pooled database.</summary>
    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(_databases[database]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One number read with SQL from a pooled database (<c>$1</c> is the given parameter).</summary>
    public Task<long> ScalarAsync(string database, string sql, object parameter) => ScalarAsync(_databases[database], sql, [parameter]);

    /// <summary>One number read with SQL from the master database.</summary>
    public Task<long> MasterScalarAsync(string sql, params object[] parameters) => ScalarAsync(Master, sql, parameters);

    private static async Task<long> ScalarAsync(string connectionString, string sql, object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        foreach (var cluster in _clusters.Values) await cluster.DisposeAsync();
    }
}
