using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace InteractionLab.Testing;

/// <summary>
/// A loopback TCP proxy in front of a server (PostgreSQL in the fault tests) that a test can cut: <see cref="Cut"/>
/// closes every open connection and closes each new one as soon as it arrives (counted in <see cref="Refused"/>), the way
/// a database that restarts or a network that drops looks to a client; <see cref="Restore"/> lets connections through
/// again. Nothing is slowed down or rewritten while it is open.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly Task _accepting;
    private volatile bool _cut;
    private int _refused;
    private TaskCompletionSource _firstRefused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A proxy to <paramref name="host"/>:<paramref name="port"/>, listening on a free loopback port.</summary>
    public TcpProxy(string host, int port)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections closed on arrival since the last <see cref="Cut"/>.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Completes when a connection is refused after the last <see cref="Cut"/> (a client tried and failed).</summary>
    public Task FirstRefused => _firstRefused.Task;

    /// <summary>Drops every connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        Interlocked.Exchange(ref _refused, 0);
        _firstRefused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _cut = true;
        foreach (var socket in _open.Keys) Close(socket);
    }

    /// <summary>Lets connections through again.</summary>
    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (_cut)
            {
                Close(client);
                Interlocked.Increment(ref _refused);
                _firstRefused.TrySetResult();
                continue;
            }
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            await Task.WhenAny(CopyAsync(client, server), CopyAsync(server, client));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The connection ended or was cut.
        }
        finally
        {
            Close(client);
            Close(server);
        }
    }

    private async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0) return;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut or closed.
        }
    }

    private void Close(Socket socket)
    {
        _open.TryRemove(socket, out _);
        try { socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        socket.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var socket in _open.Keys) Close(socket);
        await _accepting;
        _stop.Dispose();
    }
}
