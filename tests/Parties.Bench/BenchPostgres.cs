using Npgsql;
using static Parties.Testing.PostgresTools;

namespace Parties.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster for one run, configured like a small production server: durable commits
/// (fsync and synchronous_commit on, full-page writes on), pg_stat_statements loaded to count statements.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    public static readonly string[] Settings =
    [
        "fsync=on", "synchronous_commit=on", "full_page_writes=on", "shared_buffers=512MB", "max_connections=300",
        "max_wal_size=4GB", "checkpoint_timeout=15min", "shared_preload_libraries=pg_stat_statements,auto_explain",
        "pg_stat_statements.track=top", "pg_stat_statements.max=10000",
    ];

    private readonly string _dir;
    public int Port { get; }
    public int PostmasterPid { get; private set; }

    /// <summary>The server's log, where auto_explain writes the plans the bench asks for.</summary>
    public string LogPath => Path.Combine(_dir, "log");

    private BenchPostgres(string dir, int port) => (_dir, Port) = (dir, port);

    public string ConnectionString(string database, int? port = null) =>
        $"Host=127.0.0.1;Port={port ?? Port};Username=postgres;Database={database};Maximum Pool Size=100";

    public static async Task<BenchPostgres> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"parties-bench-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var pg = new BenchPostgres(dir, FreePort());
        if (AsPostgres) await RunAsync(false, "chown", $"-R postgres:postgres {dir}");
        var bin = Bin();
        await RunAsync(AsPostgres, Path.Combine(bin, "initdb"), $"-D {dir}/data -U postgres --auth=trust --encoding=UTF8 --no-sync");
        var options = string.Join(' ', Settings.Select(s => $"-c {s}"));
        await RunAsync(AsPostgres, Path.Combine(bin, "pg_ctl"),
            $"-D {dir}/data -l {dir}/log -w -t 60 -o \"-p {pg.Port} -k {dir} -c listen_addresses=127.0.0.1 {options}\" start");
        try
        {
            pg.PostmasterPid = int.Parse(File.ReadLines($"{dir}/data/postmaster.pid").First());
            await pg.ExecuteAsync("postgres", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            return pg;
        }
        catch
        {
            await pg.DisposeAsync();
            throw;
        }
    }

    public async Task CreateDatabaseAsync(string name) => await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\"");

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // For EXPLAIN ANALYZE on the loaded data after a run: the cluster stays up (stop it with pg_ctl).
        if (Environment.GetEnvironmentVariable("PARTIES_BENCH_KEEP") == "1")
        {
            Console.WriteLine($"PostgreSQL kept: {ConnectionString("parties")} (data in {_dir})");
            return;
        }
        try { await RunAsync(AsPostgres, Path.Combine(Bin(), "pg_ctl"), $"-D {_dir}/data -m immediate -w stop"); }
        catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
