using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>
/// Two instances of the app on one database, as two replicas behind a load balancer: each its own host, Marten
/// store, Wolverine runtime and connection pool, so nothing in memory is shared between them but statics.
/// </summary>
public sealed class TwoReplicas(TestPostgres postgres) : IAsyncLifetime
{
    public IAlbaHost First { get; private set; } = null!;
    public IAlbaHost Second { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public IDocumentStore Store => First.Services.GetRequiredService<IDocumentStore>();

    /// <summary>The replica that serves the i-th request: alternately one and the other.</summary>
    public IAlbaHost For(int i) => i % 2 == 0 ? First : Second;

    private static readonly (string, string)[] Settings =
        [("Parties:RateLimit:PermitsPerMinute", "0"), ("Parties:RateLimit:SuppliersPermitsPerMinute", "0")];

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync("replicas");
        First = await AppFixture.StartHostAsync(ConnectionString, Settings);
        Second = await AppFixture.StartHostAsync(ConnectionString, Settings);
    }

    /// <summary>The versions of a stream's events, in the order they were appended, read from the table itself.</summary>
    public async Task<long[]> StreamVersionsAsync(Guid streamId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select version from {PartiesStore.Schema}.mt_events where stream_id = $1 order by seq_id", connection)
        {
            Parameters = { new NpgsqlParameter { Value = streamId } },
        };
        var versions = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) versions.Add(reader.GetInt64(0));
        return [.. versions];
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}
