using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace InteractionLab.Testing;

/// <summary>
/// The built web app run as its own operating-system process, the way <c>dotnet run --project src/Web</c> runs it
/// (Production environment, the project folder as content root), so that a test can kill it for real (SIGKILL) or stop
/// it the way a deploy does (SIGTERM) and start it again on the same data. The working directory is the test's own;
/// settings are passed as environment variables (<c>Section__Key</c>). Start again after a stop for a new process on
/// a new free loopback port. Disposing kills whatever still runs.
/// </summary>
public sealed partial class PlatformProcess(string workingDirectory, IReadOnlyDictionary<string, string?> settings) : IAsyncDisposable
{
    private const int MaxLines = 50_000;
    private const int SigTerm = 15;
    private readonly List<string> _output = [];
    private Process? _process;

    /// <summary>Where the running process listens (http://127.0.0.1:port/); null before the first start.</summary>
    public Uri? Address { get; private set; }

    /// <summary>Whether a process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>How many processes were started.</summary>
    public int Starts { get; private set; }

    /// <summary>
    /// Starts a new process and waits until it prints that it listens (it has migrated the database and seeded
    /// by then); throws with its output when it exits first or takes longer than <paramref name="patience"/>.
    /// </summary>
    public async Task<Uri> StartAsync(TimeSpan patience)
    {
        if (IsRunning) throw new InvalidOperationException("The platform is already running.");
        _process?.Dispose();
        var (webDir, dll) = WebApp.Locate();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0", "--contentRoot", webDir },
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ConnectionStrings__Platform");
        start.Environment.Remove("Database__Provider");
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process = process;
        Starts++;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, listening);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, listening);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = process.WaitForExitAsync().ContinueWith(_ =>
            listening.TrySetException(new InvalidOperationException("The platform exited:\n" + Output())), TaskScheduler.Default);
        try
        {
            Address = await listening.Task.WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The platform did not listen within {patience}:\n" + Output());
        }
        return Address;
    }

    /// <summary>Kills the process at once (SIGKILL: no shutdown code runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop (SIGTERM, as a deploy or Ctrl+C does) and waits until it has; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan patience)
    {
        if (_process is not { HasExited: false } process) throw new InvalidOperationException("The platform is not running.");
        if (Kill(process.Id, SigTerm) != 0) throw new InvalidOperationException($"SIGTERM to {process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            await process.WaitForExitAsync().WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The platform did not stop within {patience} of SIGTERM:\n" + Output());
        }
        return process.ExitCode;
    }

    /// <summary>Everything the processes printed so far (the first <c>50,000</c> lines).</summary>
    public string Output()
    {
        lock (_output) return string.Join('\n', _output);
    }

    private void OnLine(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null) return;
        lock (_output)
            if (_output.Count < MaxLines) _output.Add(line);
        if (Listening().Match(line) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (http://[^\s]+)")]
    private static partial Regex Listening();
}
