using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parties.Api.Tests.Infrastructure;

/// <summary>The API as a real process on a loopback port (for a browser, which needs a socket).</summary>
public sealed class RunningApp(TestPostgres postgres) : IAsyncLifetime
{
    private Process? _process;
    public string Url { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var connection = await postgres.CreateDatabaseAsync("browser");
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        }
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Parties.Api.dll")}\" --urls {Url}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Parties"] = connection;
        start.Environment["Parties__AdminKey"] = AppFixture.AdminKey;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 120; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The API exited with {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync($"{Url}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The API did not become ready in 60 s");
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
