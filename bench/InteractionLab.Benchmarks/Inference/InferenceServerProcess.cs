using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace InteractionLab.Benchmarks.Inference;

/// <summary>
/// The standalone inference service (<c>src/Inference serve</c>) in a process of its own on a free loopback port, so
/// the benchmark's HTTP client and the server do not share a thread pool: in one process a client continuation and
/// the server's socket send queue behind each other, which says nothing about a real deployment. The project is
/// built in Release first (a no-op when up to date); another build can be measured with <c>--server DLL</c>.
/// </summary>
internal sealed class InferenceServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private InferenceServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<InferenceServerProcess> StartAsync(string modelsDirectory, string? serverDll)
    {
        serverDll ??= await BuildAsync();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[serverDll, "serve", "--models", modelsDirectory, "--urls", $"http://127.0.0.1:{port}",
            "--Inference:ExecutionProvider=cpu", "--Inference:IntraOpNumThreads=1", "--Inference:MaxConcurrentRequestsPerModel=64",
            "--Logging:LogLevel:Default=Warning"])
        {
            start.ArgumentList.Add(arg);
        }

        var server = new InferenceServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        server._process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The inference server exited with {_process.ExitCode}:\n{Output()}");
            }

            try
            {
                using var response = await http.GetAsync("/v1/models");
                if (response.IsSuccessStatusCode) { return; }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.WhenAny(_process.WaitForExitAsync(), Task.Delay(200)); // poll: the server has no other readiness signal
        }

        throw new TimeoutException($"The inference server did not answer /v1/models within {timeout.TotalSeconds:0} s:\n{Output()}");
    }

    private static async Task<string> BuildAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Inference");
        Console.WriteLine($"building {project} (Release) for the server process ...");
        var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", "-v", "q", "-nologo", project])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var log = await build.StandardOutput.ReadToEndAsync();
        await build.WaitForExitAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building {project} failed:\n{log}");
        }

        return Directory.GetFiles(Path.Combine(project, "bin", "Release"), "InteractionLab.Inference.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "InteractionLab.sln"))) { return dir.FullName; }
        }

        throw new InvalidOperationException("Run the benchmark from the repository (InteractionLab.sln not found above the binaries).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null) { return; }
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 50) { _output.Dequeue(); }
        }
    }

    private string Output()
    {
        lock (_output) { return string.Join('\n', _output); }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
