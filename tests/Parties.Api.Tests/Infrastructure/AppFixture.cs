using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Parties.Tenancy;
using Wolverine;

[assembly: AssemblyFixture(typeof(Parties.Api.Tests.Infrastructure.TestPostgres))]

namespace Parties.Api.Tests.Infrastructure;

/// <summary>The real app (Alba) on a database of its own: one per test class.</summary>
public class AppFixture(TestPostgres postgres) : IAsyncLifetime
{
    public const string AdminKey = "test-platform-admin-key";

    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();
    public IPlatformStore Platform => Host.Services.GetRequiredService<IPlatformStore>();

    /// <summary>Settings a fixture adds; by default the rate limits and the bulk and batch caps are off so scenarios are
    /// not throttled.</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Parties:RateLimit:PermitsPerMinute", "0"), ("Parties:RateLimit:SuppliersPermitsPerMinute", "0"),
        ("Parties:Limits:ConcurrentBulkRequests", "0"), ("Parties:Limits:ConcurrentBatchRequests", "0"),
    ];

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync("parties");
        Host = await StartHostAsync(ConnectionString, Settings, ConfigureServices);
    }

    /// <summary>Services a fixture replaces (after the app's own registrations).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>
    /// One instance of the app (its own Marten store and Wolverine runtime) on the given database. Solo: Wolverine
    /// assumes it is the only node (fast start, no leader election); replicas that share work need it off.
    /// </summary>
    public static async Task<IAlbaHost> StartHostAsync(string connectionString, IEnumerable<(string Key, string Value)> settings,
        Action<IServiceCollection>? configure = null, bool solo = true) =>
        await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Parties", connectionString);
            builder.UseSetting("Parties:AdminKey", AdminKey);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureServices(services =>
            {
                if (solo) services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
                configure?.Invoke(services);
            });
        });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
