using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parties.Api.Tests.Webhooks;

/// <summary>A webhook as a receiver got it.</summary>
public sealed record Received(string Id, string Timestamp, string Signature, string Body, DateTimeOffset At, int Status = 0)
{
    public bool Accepted => Status is >= 200 and < 300;
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public string Type => Json.GetProperty("type").GetString()!;
    public JsonElement Data => Json.GetProperty("data");
    public Guid Party => Data.GetProperty("party").GetGuid();
    public long Version => Data.GetProperty("version").GetInt64();
    public long Sequence => Data.GetProperty("sequence").GetInt64();
}

/// <summary>
/// A real HTTP receiver on the loopback (Kestrel on a fixed free port): records every request and its connections,
/// answers what <see cref="Answer"/> says, and can be taken down and brought back on the same port.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private WebApplication? _app;
    private int _connections, _arrived;
    public int Port { get; } = FreePort();
    public string Url => $"http://127.0.0.1:{Port}/hooks";
    public ConcurrentQueue<Received> Requests { get; } = new();
    public int Connections => _connections;

    /// <summary>Requests that arrived, answered or not yet.</summary>
    public int Arrived => _arrived;

    /// <summary>The status to answer a request with (default 204).</summary>
    public Func<Received, int> Answer { get; set; } = _ => 204;

    /// <summary>How long to hold each request before answering.</summary>
    public TimeSpan Delay { get; set; }

    public static async Task<Receiver> StartAsync()
    {
        var receiver = new Receiver();
        await receiver.UpAsync();
        return receiver;
    }

    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port, listen => listen.Use(next => context =>
        {
            Interlocked.Increment(ref _connections);
            return next(context);
        })));
        _app = builder.Build();
        _app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref _arrived);
            using var reader = new StreamReader(request.Body);
            var received = new Received(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), await reader.ReadToEndAsync(), DateTimeOffset.UtcNow);
            var status = Answer(received);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            Requests.Enqueue(received with { Status = status });
            return Results.StatusCode(status);
        });
        await _app.StartAsync();
    }

    /// <summary>Stops listening: connections are refused until <see cref="UpAsync"/>.</summary>
    public async Task DownAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>The first copy of each webhook-id, in the order they arrived (a receiver that de-duplicates).</summary>
    public IReadOnlyList<Received> Distinct() =>
        [.. Requests.Where(r => r.Accepted).GroupBy(r => r.Id).Select(g => g.First()).OrderBy(r => r.At)];

    public async Task<IReadOnlyList<Received>> WaitForAsync(int distinct, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (DateTimeOffset.UtcNow < deadline)
        {
            var got = Distinct();
            if (got.Count >= distinct) return got;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The receiver got {Distinct().Count} distinct webhooks of {distinct} ({Requests.Count} requests).");
    }

    public async ValueTask DisposeAsync() => await DownAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
