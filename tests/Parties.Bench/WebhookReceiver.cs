using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HdrHistogram;

namespace Parties.Bench;

/// <summary>
/// The receiving end of one webhook subscription, on the loopback: counts each event once (by webhook-id) and
/// records its lag, from the event's timestamp (taken at the append, just before the commit) to its arrival.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, bool> _seen = new();
    private readonly LongHistogram _lagMicroseconds = new(3_600_000_000L, 3);

    public string Url { get; }
    public int Distinct => _seen.Count;

    public WebhookReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hooks/";
        }
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public double LagPercentileMs(double percentile)
    {
        lock (_lagMicroseconds) return _lagMicroseconds.TotalCount == 0 ? 0 : _lagMicroseconds.GetValueAtPercentile(percentile) / 1000.0;
    }

    /// <summary>Waits until <paramref name="count"/> events have arrived, or the time is up; returns how many did.</summary>
    public async Task<int> WaitForAsync(long count, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (Distinct < count && DateTimeOffset.UtcNow < deadline) await Task.Delay(100);
        return Distinct;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Receive(context));
        }
    }

    private void Receive(HttpListenerContext context)
    {
        var arrived = DateTimeOffset.UtcNow;
        using (var body = JsonDocument.Parse(context.Request.InputStream))
        {
            if (_seen.TryAdd(context.Request.Headers["webhook-id"] ?? "", true))
            {
                var lag = arrived - body.RootElement.GetProperty("timestamp").GetDateTimeOffset();
                lock (_lagMicroseconds) _lagMicroseconds.RecordValue(Math.Max(0, (long)(lag.TotalMilliseconds * 1000)));
            }
        }
        context.Response.StatusCode = 204;
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
