using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parties.Bench;

/// <summary>A web service started as a process of its own on a loopback port; its memory is sampled all along.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly Queue<string> _lastLines = new();
    private bool _disposed;

    public string Url { get; }
    public int Pid => _process.Id;
    public long PeakRssBytes { get; private set; }

    /// <summary>What the resident memory was made of at the highest sample (VmHWM, read at the end, may be higher).</summary>
    public RssSplit? PeakSplit { get; private set; }

    /// <summary>The peak since the last <see cref="StartWindow"/>: which workload needs the memory.</summary>
    public long WindowPeakRssBytes { get; private set; }

    public void StartWindow() => WindowPeakRssBytes = ProcStat.RssBytes(Pid);

    private ServiceProcess(Process process, string url)
    {
        (_process, Url) = (process, url);
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _sampler = SampleAsync(_stop.Token);
    }

    public static async Task<ServiceProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is not built: run the bench with dotnet run -c Release.");
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls {url}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var service = new ServiceProcess(Process.Start(start)!, url);
        try
        {
            using var http = new HttpClient();
            for (var i = 0; i < 240; i++)
            {
                if (service._process.HasExited)
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {service._process.ExitCode}:\n{service.Output}");
                try
                {
                    if ((await http.GetAsync($"{url}/health/ready")).IsSuccessStatusCode) return service;
                }
                catch (HttpRequestException) { }
                await Task.Delay(250);
            }
            throw new TimeoutException($"{Path.GetFileName(dll)} did not become ready in 60 s:\n{service.Output}");
        }
        catch
        {
            // Not left running when it never became ready.
            await service.DisposeAsync();
            throw;
        }
    }

    public string Output { get { lock (_lastLines) return string.Join('\n', _lastLines); } }

    /// <summary>User + system CPU seconds the process has used so far.</summary>
    public double CpuSeconds => ProcStat.CpuSeconds(Pid, includeChildren: false);

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40) _lastLines.Dequeue();
        }
    }

    private async Task SampleAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var rss = ProcStat.RssBytes(Pid);
            if (rss > PeakRssBytes) PeakSplit = ProcStat.Split(Pid);
            PeakRssBytes = Math.Max(PeakRssBytes, rss);
            WindowPeakRssBytes = Math.Max(WindowPeakRssBytes, rss);
            try { await Task.Delay(200, stop); } catch (OperationCanceledException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the process; a second call does nothing (a stage may stop its service before the run ends).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        PeakRssBytes = Math.Max(PeakRssBytes, ProcStat.HighWaterRssBytes(Pid));
        await _stop.CancelAsync();
        await _sampler;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
