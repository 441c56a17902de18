using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace InteractionLab.Testing;

/// <summary>
/// A loopback TCP proxy in front of a server (PostgreSQL, or the web process in the fault suite) that a test can break
/// the way networks break. <see cref="Drop"/> closes every open connection once; <see cref="Cut"/> also closes each new
/// one as soon as it arrives (counted in <see cref="Refused"/>), the way a database that restarts looks to a client;
/// <see cref="Blackhole"/> accepts connections but forwards nothing, in either direction, the way a dead route or a
/// frozen middlebox looks. <see cref="Restore"/> ends a cut or a blackhole: connections held in a blackhole are then
/// closed (their peers would have timed them out) and new ones go through again. <see cref="RouteTo"/> points new
/// connections at another port (a restarted server). Nothing is slowed down or rewritten while it is open.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPAddress _host;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly Task _accepting;
    private volatile IPEndPoint _target;
    private volatile bool _cut;
    private volatile TaskCompletionSource? _blackhole;
    private int _refused;
    private TaskCompletionSource _firstRefused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A proxy to <paramref name="host"/>:<paramref name="port"/>, listening on a free loopback port.</summary>
    public TcpProxy(string host, int port)
    {
        _host = Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        _target = new IPEndPoint(_host, port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections closed on arrival since the last <see cref="Cut"/>.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Completes when a connection is refused after the last <see cref="Cut"/> (a client tried and failed).</summary>
    public Task FirstRefused => _firstRefused.Task;

    /// <summary>Sends new connections to <paramref name="port"/> on the same host (open ones stay where they are).</summary>
    public void RouteTo(int port) => _target = new IPEndPoint(_host, port);

    /// <summary>Closes every open connection; new ones go through as before.</summary>
    public void Drop()
    {
        foreach (var socket in _open.Keys) Close(socket);
    }

    /// <summary>Drops every connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        Interlocked.Exchange(ref _refused, 0);
        _firstRefused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _cut = true;
        Drop();
    }

    /// <summary>
    /// From now on nothing is forwarded: open connections stay open but what either side sends goes nowhere, and new
    /// connections are accepted and held without reaching the server, until <see cref="Restore"/>.
    /// </summary>
    public void Blackhole() => _blackhole ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets connections through again; those held in a blackhole are closed.</summary>
    public void Restore()
    {
        _cut = false;
        if (Interlocked.Exchange(ref _blackhole, null) is not { } hole) return;
        Drop();
        hole.TrySetResult();
    }

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
            _open[client] = 0;
            _ = _blackhole is { } hole ? HoldAsync(client, hole) : PipeAsync(client);
        }
    }

    // A connection that arrives in a blackhole: accepted, never connected onwards, closed when the blackhole ends.
    private async Task HoldAsync(Socket client, TaskCompletionSource hole)
    {
        try
        {
            await hole.Task.WaitAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        Close(client);
    }

    private async Task PipeAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
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
                // In a blackhole what was read goes nowhere; the connection ends with the blackhole.
                if (_blackhole is { } hole)
                {
                    await hole.Task.WaitAsync(_stop.Token);
                    return;
                }
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
        Drop();
        await _accepting;
        _stop.Dispose();
    }
}
