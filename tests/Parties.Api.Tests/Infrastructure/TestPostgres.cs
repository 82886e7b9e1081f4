using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL for the whole test run: initdb in a temp folder, a free port, fsync off, stopped
/// and deleted at the end. With PARTIES_TEST_CONNECTION set, that server is used instead. Each fixture asks
/// it for a database of its own.
/// </summary>
public sealed class TestPostgres : IAsyncLifetime
{
    private string? _dataDir;
    private string _adminConnection = "";
    private bool _owned;

    public async ValueTask InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("PARTIES_TEST_CONNECTION");
        if (!string.IsNullOrWhiteSpace(given))
        {
            _adminConnection = given;
            return;
        }

        _owned = true;
        _dataDir = Path.Combine(Path.GetTempPath(), $"parties-test-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
        var port = FreePort();
        var asPostgres = Environment.UserName == "root";
        if (asPostgres) Run("chown", $"-R postgres:postgres {_dataDir}");

        var bin = PostgresBin();
        await RunAsync(asPostgres, Path.Combine(bin, "initdb"), $"-D {_dataDir}/data -U postgres --auth=trust --encoding=UTF8 --no-sync");
        await RunAsync(asPostgres, Path.Combine(bin, "pg_ctl"),
            $"-D {_dataDir}/data -l {_dataDir}/log -w -t 60 -o \"-p {port} -k {_dataDir} -c listen_addresses=127.0.0.1 " +
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start");
        _adminConnection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_adminConnection) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_owned || _dataDir is null) return;
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Environment.UserName == "root", Path.Combine(PostgresBin(), "pg_ctl"), $"-D {_dataDir}/data -m immediate -w stop");
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    private static string PostgresBin()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/lib/postgresql/15/bin"))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        return versions.Select(v => Path.Combine(v, "bin")).FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")))
               ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found: run deploy/local/test.sh, which installs them.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(bool asPostgres, string file, string arguments)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output} {await error}");
    }

    private static void Run(string file, string arguments) => RunAsync(false, file, arguments).GetAwaiter().GetResult();
}
