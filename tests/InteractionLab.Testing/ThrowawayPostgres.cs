using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace InteractionLab.Testing;

/// <summary>
/// A PostgreSQL 15 server of the test's own, on a free loopback port, for tests that must stop the database (the
/// shared test server is never stopped). Started the way <c>.ci/services.sh</c> starts one: initdb into a temporary
/// directory (as the <c>postgres</c> user when running as root), trust authentication, fsync off.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _dir = Directory.CreateTempSubdirectory("il-pg-").FullName;

    /// <summary>The server's port.</summary>
    public int Port { get; } = FreePort();

    /// <summary>Connection string of its <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=3";

    /// <summary>Initialises and starts a server.</summary>
    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var server = new ThrowawayPostgres();
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(server._dir, (UnixFileMode)0b111_101_101);
        if (Environment.UserName == "root") await RunAsync("chown", "postgres:postgres", server._dir);
        await server.AsPostgresAsync("initdb", "-D", server.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Stops the server at once, as a crash would (no checkpoint, connections cut).</summary>
    public Task StopAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-m", "immediate", "stop");

    /// <summary>Starts it again after <see cref="StopAsync"/>.</summary>
    public Task StartServerAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch (InvalidOperationException) { } // already stopped
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string Data => Path.Combine(_dir, "data");

    private Task AsPostgresAsync(string tool, params string[] args) => Environment.UserName == "root"
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, tool), .. args])
        : RunAsync(Path.Combine(Bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
