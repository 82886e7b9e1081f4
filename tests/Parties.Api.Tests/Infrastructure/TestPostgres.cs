namespace Parties.Api.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL for the whole test run (<see cref="PostgresCluster"/>), stopped and deleted at the end.
/// With PARTIES_TEST_CONNECTION set, that server is used instead. Each fixture asks it for a database of its own.
/// </summary>
public sealed class TestPostgres : IAsyncLifetime
{
    private PostgresCluster? _cluster;
    private string _adminConnection = "";

    public async ValueTask InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("PARTIES_TEST_CONNECTION");
        if (!string.IsNullOrWhiteSpace(given))
        {
            _adminConnection = given;
            return;
        }
        _cluster = await PostgresCluster.CreateAsync();
        _adminConnection = _cluster.AdminConnection;
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) => PostgresCluster.CreateDatabaseAsync(_adminConnection, prefix);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
