using System.Diagnostics;
using System.Globalization;
using InteractionLab.Api.Data;
using InteractionLab.Testing;
using Xunit.Abstractions;

namespace InteractionLab.Faults;

/// <summary>
/// One fault run, as the probe ran it: the platform as its own process on a database of its own, a proxy in front of it,
/// participants logging and chatting through the proxy. Once events flow and replies stream the fault strikes; once every
/// participant's new events are acknowledged again they stop recording, send what is left and wait for their replies;
/// once no reply is left generating the database is compared with what the participants saw (<see cref="FaultCheck"/>).
/// Every wait watches something observable under one deadline; the only timed waits are a fault's own duration.
/// </summary>
public sealed class FaultRun : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly FaultSuite _suite;
    private readonly string _name;
    private readonly ITestOutputHelper _output;
    private readonly string _directory;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<FaultParticipant> _participants = [];
    private readonly List<Task> _work = [];
    private HttpClient? _http;

    private FaultRun(FaultSuite suite, string name, DatabaseProvider provider, ITestOutputHelper output)
    {
        _suite = suite;
        _name = $"{name} / {provider}";
        _output = output;
        var slug = string.Concat(name.Where(char.IsAsciiLetterOrDigit)) + "-" + provider.ToString().ToLowerInvariant();
        _directory = suite.NewRunDirectory(slug);
        var connectionString = provider == DatabaseProvider.Postgres
            ? suite.Postgres.ConnectionString("il_" + Path.GetFileName(_directory).Replace('-', '_'))
            : $"Data Source={Path.Combine(_directory, "interactionlab.db")}";
        Check = new FaultCheck(provider, connectionString);
        Platform = new PlatformProcess(_directory, new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Platform"] = connectionString,
            ["Inference:ModelsDirectory"] = suite.ModelsDirectory,
            // Cookies stay valid across restarts, and nothing is written beside the code.
            ["DataProtection:KeysDirectory"] = Path.Combine(_directory, "keys"),
            ["DataProtection:AllowUnencryptedKeys"] = "true", // a temp directory of this run, deleted with it
            ["Replies:SpoolDirectory"] = Path.Combine(_directory, "reply-spool"),
            // A turn a crash cut off is stale after 5 s instead of a minute (a reply waiting for the model marks itself
            // alive every second), so the run waits seconds for the platform to mark it interrupted.
            ["Replies:StaleAfter"] = "00:00:05",
            ["Replies:HeartbeatInterval"] = "00:00:01",
            // Every participant comes from 127.0.0.1 here, standing in for as many people at as many addresses: the
            // per-address limits would otherwise refuse them as one visitor (the per-study limit stays as shipped).
            ["RateLimits:ParticipantDoorPerMinute"] = "100000",
            ["RateLimits:HubConnectionsPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        });
    }

    /// <summary>The platform's process.</summary>
    public PlatformProcess Platform { get; }

    /// <summary>The proxy every participant connects through.</summary>
    public TcpProxy Proxy { get; private set; } = null!;

    /// <summary>The suite's PostgreSQL server.</summary>
    public ThrowawayPostgres Postgres => _suite.Postgres;

    /// <summary>The run's sizes.</summary>
    public FaultSizes Sizes => _suite.Sizes;

    /// <summary>The run's database, read the way the check reads it.</summary>
    public FaultCheck Check { get; }

    private int Acknowledged => _participants.Sum(p => p.Acknowledged);

    /// <summary>
    /// Runs <paramref name="fault"/> on a platform under load and asserts that nothing acknowledged or requested was
    /// lost, duplicated or misplaced; the counts go to the test output and the suite's summary.
    /// </summary>
    public static async Task<FaultReport> AssertNothingLostAsync(FaultSuite suite, ITestOutputHelper output, string name,
        DatabaseProvider provider, Func<FaultRun, Task> fault)
    {
        await using var run = new FaultRun(suite, name, provider, output);
        FaultReport report;
        try
        {
            report = await run.RunAsync(fault);
        }
        catch
        {
            run.KeepPlatformOutput();
            throw;
        }
        suite.Summarise(report.ToString());
        output.WriteLine(report.Describe());
        if (report.Problems.Count > 0) run.KeepPlatformOutput();
        Assert.True(report.Problems.Count == 0, report.Describe());
        return report;
    }

    /// <summary>Starts a new platform process on the same data and sends the proxy's new connections to it.</summary>
    public async Task RestartPlatformAsync()
    {
        var address = await Platform.StartAsync(StartPatience);
        Proxy.RouteTo(address.Port);
        Log("platform started again");
    }

    /// <summary>Waits until the participants have had <paramref name="events"/> more events acknowledged.</summary>
    public Task ProgressAsync(int events)
    {
        var target = Acknowledged + events;
        return UntilAsync($"{events} more events acknowledged", () => Task.FromResult(Acknowledged >= target));
    }

    /// <summary>A line in the test's output, with the run's clock.</summary>
    public void Log(string line) => _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {line}"));

    private async Task<FaultReport> RunAsync(Func<FaultRun, Task> fault)
    {
        var address = await Platform.StartAsync(StartPatience);
        Proxy = new TcpProxy("127.0.0.1", address.Port);
        var through = new Uri($"http://127.0.0.1:{Proxy.Port}/");
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = through };
        // Bigger runs take longer: the deadline grows with the participants.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3) + Sizes.Participants * TimeSpan.FromSeconds(1));
        Deadline = deadline.Token;
        var joining = Enumerable.Range(1, Sizes.Participants).Select(i => FaultParticipant.JoinAsync(i, Path.GetFileName(_directory), through, _http, Deadline));
        _participants.AddRange(await Task.WhenAll(joining));
        Log($"{_participants.Count} participants at the chat");

        using var stop = new CancellationTokenSource();
        foreach (var p in _participants)
        {
            _work.Add(p.LogAsync(Sizes.EventsPerTick, stop.Token, Deadline));
            _work.Add(p.ChatAsync(Sizes.Messages, stop.Token, Deadline));
        }
        var warm = Sizes.Participants * Sizes.EventsPerTick * 4;
        await UntilAsync("events flowing and replies streaming", () => Task.FromResult(Acknowledged >= warm && _participants.Any(p => p.Answering)));
        Log($"fault begins ({Acknowledged} events acknowledged, {_participants.Count(p => p.Answering)} replies streaming)");
        await fault(this);
        Log("fault over");

        var marks = _participants.Select(p => p.Acknowledged).ToList();
        await UntilAsync("every participant's new events acknowledged", () => Task.FromResult(_participants.Select((p, i) => p.Acknowledged > marks[i]).All(x => x)));
        Log("every participant is back");
        await stop.CancelAsync();
        await UntilAsync("every page's queue sent and every reply ended", () => Task.FromResult(_work.All(t => t.IsCompleted)));
        await Task.WhenAll(_work);
        Log("nothing queued, no reply streaming");
        await UntilAsync("no reply left generating", async () => await Check.GeneratingAsync() == 0);
        return await Check.CompareAsync(_participants, _name, Platform.Starts, _clock.Elapsed);
    }

    private CancellationToken Deadline { get; set; }

    private async Task UntilAsync(string what, Func<Task<bool>> condition)
    {
        while (!await condition())
        {
            if (_work.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
            if (Deadline.IsCancellationRequested) throw new TimeoutException($"{_name}: not in time: {what}. {State()}");
            await Task.Delay(Poll, CancellationToken.None);
        }
    }

    private string State() =>
        $"Acknowledged {Acknowledged}, queued {_participants.Sum(p => p.Page.Outbox.Count)}, " +
        $"participants with events queued {_participants.Count(p => p.Page.Outbox.Count > 0)}, replies streaming {_participants.Count(p => p.Answering)}, " +
        $"platform running: {Platform.IsRunning}";

    private void KeepPlatformOutput()
    {
        Directory.CreateDirectory(_suite.Artifacts);
        var file = Path.Combine(_suite.Artifacts, Path.GetFileName(_directory) + "-platform.log");
        File.WriteAllText(file, Platform.Output());
        Log($"platform output kept in {file}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var p in _participants) await p.DisposeAsync();
        _http?.Dispose();
        if (Proxy is not null) await Proxy.DisposeAsync();
        await Platform.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
