using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parties.Testing;

/// <summary>
/// The machine's PostgreSQL server binaries and how to run them, for the clusters the tests and the benchmark
/// start of their own (compiled into both projects as a linked file).
/// </summary>
public static class PostgresTools
{
    /// <summary>The folder holding initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/N/bin.</summary>
    public static string Bin()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/lib/postgresql/15/bin"))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        return versions.Select(v => Path.Combine(v, "bin")).FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")))
               ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found: run deploy/local/test.sh once, which installs them.");
    }

    /// <summary>initdb refuses to run as root: a root caller runs the server tools as the postgres user.</summary>
    public static bool AsPostgres => Environment.UserName == "root";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a tool to its end (as the postgres user when asked); throws with its output if it fails.</summary>
    public static async Task RunAsync(bool asPostgres, string file, string arguments)
    {
        var start = asPostgres ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}") : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output} {await error}");
    }
}
