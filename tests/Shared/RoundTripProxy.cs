using System.Net;
using System.Net.Sockets;

namespace Parties.Testing;

/// <summary>
/// A TCP relay between a process and PostgreSQL that counts round trips: each time a connection's client speaks after
/// the server has spoken (or first), it has waited for an answer, so that is one round trip. A batch of statements
/// sent together (with Npgsql's BEGIN prepended) is one; a COMMIT sent on its own is one more. A very large batch can
/// count a few extra where the server answers its first statements while the client is still sending.
/// </summary>
public sealed class RoundTripProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private long _roundTrips;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public RoundTripProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _pumps.Add(AcceptAsync());
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            var server = new TcpClient { NoDelay = true };
            client.NoDelay = true;
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            var connection = new Connection();
            lock (_pumps)
            {
                _pumps.Add(PumpAsync(client, server, connection, fromClient: true));
                _pumps.Add(PumpAsync(server, client, connection, fromClient: false));
            }
        }
    }

    private sealed class Connection
    {
        public int ServerSpokeLast = 1;
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, Connection connection, bool fromClient)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var read = await input.ReadAsync(buffer, _stop.Token);
                if (read == 0) break;
                if (fromClient)
                {
                    if (Interlocked.Exchange(ref connection.ServerSpokeLast, 0) == 1) Interlocked.Increment(ref _roundTrips);
                }
                else Volatile.Write(ref connection.ServerSpokeLast, 1);
                await output.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException) { }
        finally
        {
            from.Close();
            to.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] pumps;
        lock (_pumps) pumps = [.. _pumps];
        await Task.WhenAll(pumps);
    }
}
