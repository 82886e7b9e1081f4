using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>
/// The API as a real process on a loopback port: started, killed (SIGKILL) or told to stop (SIGTERM), and
/// started again on the same database and port, as an orchestrator would.
/// </summary>
public sealed class AppProcess(string connectionString, params (string Key, string Value)[] settings) : IAsyncDisposable
{
    private Process? _process;
    private readonly ConcurrentQueue<string> _output = new();
    public string Url { get; } = $"http://127.0.0.1:{FreePort()}";
    public int ExitCode => _process!.ExitCode;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Output => string.Join("\n", _output.TakeLast(40));

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Parties.Api.dll")}\" --urls {Url}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Parties"] = connectionString;
        start.Environment["Parties__AdminKey"] = AppFixture.AdminKey;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // The committed generated handlers: start-up compiles nothing, as in production.
        start.Environment["Parties__TypeLoadMode"] = "Static";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The API exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{Url}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The API did not become ready in 60 s:\n{Output}");
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it was doing.</summary>
    public async Task KillAsync()
    {
        _process!.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Kubernetes sends when it stops a pod.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", $"-TERM {_process!.Id}");
        await kill.WaitForExitAsync();
    }

    /// <summary>Whether the process ended within the time given.</summary>
    public async Task<bool> ExitedWithinAsync(TimeSpan time)
    {
        using var timeout = new CancellationTokenSource(time);
        try
        {
            await _process!.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
