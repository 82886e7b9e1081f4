using Npgsql;
using static Parties.Testing.PostgresTools;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of the machine's binaries in a temp folder (initdb, a free port, fsync off), run as the
/// postgres user when the tests run as root. It can be stopped and started again on the same port and data, so
/// a test may take the database away from the app; deleted when disposed.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _dir;
    private readonly int _port;

    private PostgresCluster(string dir, int port)
    {
        _dir = dir;
        _port = port;
    }

    public string AdminConnection => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<PostgresCluster> CreateAsync(int maxConnections = 300)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"parties-test-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        if (AsPostgres) await RunAsync(false, "chown", $"-R postgres:postgres {dir}");
        await RunAsync(AsPostgres, Path.Combine(Bin(), "initdb"), $"-D {dir}/data -U postgres --auth=trust --encoding=UTF8 --no-sync");
        var port = FreePort();
        await File.AppendAllTextAsync($"{dir}/data/postgresql.conf",
            $"port = {port}\nunix_socket_directories = '{dir}'\nlisten_addresses = '127.0.0.1'\n" +
            $"fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = {maxConnections}\n");
        var cluster = new PostgresCluster(dir, port);
        await cluster.StartAsync();
        return cluster;
    }

    public Task StartAsync() => RunAsync(AsPostgres, Path.Combine(Bin(), "pg_ctl"), $"-D {_dir}/data -l {_dir}/log -w -t 60 start");

    /// <param name="mode">fast: sessions are ended (57P01) and the server stops; immediate: as a crash.</param>
    public Task StopAsync(string mode = "fast") => RunAsync(AsPostgres, Path.Combine(Bin(), "pg_ctl"), $"-D {_dir}/data -m {mode} -w -t 60 stop");

    /// <summary>A new, empty database; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) => CreateDatabaseAsync(AdminConnection, prefix);

    public static async Task<string> CreateDatabaseAsync(string adminConnection, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(adminConnection) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await StopAsync("immediate"); } catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
