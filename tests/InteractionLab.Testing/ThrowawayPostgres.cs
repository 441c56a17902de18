using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace InteractionLab.Testing;

/// <summary>
/// A PostgreSQL server of the test's own, which the test may restart and crash (the shared test server must never be
/// touched): <c>initdb</c> into a temp directory, started with <c>pg_ctl</c> on a free loopback port, trust
/// authentication, no Unix socket outside that directory. As root the binaries run as the <c>postgres</c> user
/// (<c>runuser</c>), as <c>.ci/services.sh</c> does. <c>fsync</c> is off (nothing here survives a power cut anyway) but
/// <c>synchronous_commit</c> stays on, as in production: a crash of the server process then loses no commit it
/// reported, which is what the platform's acknowledgements rely on. Disposing stops it and deletes the directory.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _bin = Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";
    private readonly string _dir;
    private readonly bool _asPostgres = Environment.UserName == "root";

    private ThrowawayPostgres(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Connection string of <paramref name="database"/> on this server (created by whoever connects first, e.g. EF migrations).</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    /// <summary>Creates the cluster and starts the server.</summary>
    public static async Task<ThrowawayPostgres> CreateAsync()
    {
        var dir = Directory.CreateTempSubdirectory("il-pg-").FullName;
        var server = new ThrowawayPostgres(dir, FreePort());
        try
        {
            if (server._asPostgres)
            {
                await server.RunAsync("/bin/chmod", false, "755", dir);
                await server.RunAsync("/bin/chown", false, "postgres:postgres", dir);
            }
            await server.RunAsync("initdb", true, "-D", server.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private string Data => Path.Combine(_dir, "data");

    private string Options =>
        $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300";

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartAsync() =>
        RunAsync("pg_ctl", true, "-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60", "-o", Options, "start");

    /// <summary>A fast restart: open connections are terminated, running transactions roll back, the server comes back.</summary>
    public Task RestartFastAsync() =>
        RunAsync("pg_ctl", true, "-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60", "-m", "fast", "-o", Options, "restart");

    /// <summary>A crash: every server process quits at once without a checkpoint; the next start recovers from the WAL.</summary>
    public Task CrashAsync() => RunAsync("pg_ctl", true, "-D", Data, "-m", "immediate", "stop");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                await CrashAsync();
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }
        Directory.Delete(_dir, recursive: true);
    }

    private async Task RunAsync(string program, bool asOwner, params string[] args)
    {
        var path = program.StartsWith('/') ? program : Path.Combine(_bin, program);
        var start = new ProcessStartInfo(asOwner && _asPostgres ? "runuser" : path) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asOwner && _asPostgres) foreach (var a in new[] { "-u", "postgres", "--", path }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Patience);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}{await error}\n{ServerLog()}");
    }

    private string ServerLog()
    {
        var log = Path.Combine(_dir, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
