using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace InteractionLab.Api.Tests;

/// <summary>
/// The README's start command on a fresh machine: the built app, run as its own process the way
/// <c>dotnet run --project src/Web</c> runs it (Production environment, the project folder as content root, no
/// settings at all), must create SQLite + demo models, print the admin login once, and serve the demo study
/// with its styles and a live in-process model. The working directory is a temp folder so no developer data is
/// touched.
/// </summary>
public sealed partial class EmbeddedDefaultsSmokeTests : IAsyncLifetime
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);
    private readonly string _workDir = Directory.CreateTempSubdirectory("il-embedded-").FullName;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _app;

    public async Task InitializeAsync()
    {
        var (webDir, dll) = WebApp.Locate();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0", "--contentRoot", webDir },
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ConnectionStrings__Platform");
        start.Environment.Remove("Database__Provider");
        _app = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _app.OutputDataReceived += (_, e) => OnLine(e.Data);
        _app.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        _ = _app.WaitForExitAsync().ContinueWith(_ =>
            _listening.TrySetException(new InvalidOperationException("The app exited:\n" + Output())), TaskScheduler.Default);
        await _listening.Task.WaitAsync(StartPatience);
    }

    public async Task DisposeAsync()
    {
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }
        _app?.Dispose();
        Directory.Delete(_workDir, recursive: true);
    }

    [Fact]
    public async Task TheEmbeddedDefaultsStartPrintTheAdminLoginAndServeTheDemoStudyWithALiveModel()
    {
        var baseAddress = await _listening.Task;
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };

        Assert.Matches(AdminLogin(), Output());
        Assert.True(File.Exists(Path.Combine(_workDir, "data", "interactionlab.db")), "SQLite database in data/");
        Assert.True(File.Exists(Path.Combine(_workDir, "data", "models", "demo-chat", "onnx", "model.onnx")), "demo model in data/models");

        var home = await http.GetStringAsync("/");
        Assert.Contains("Take part in the demo study", home);
        // The newcomer finds the admin panel from the home page, and its sign-in form works on the embedded SQLite.
        Assert.Contains("href=\"admin\"", home);
        Assert.Contains("<h1>Sign in</h1>", await http.GetStringAsync("/admin/login"));
        var landing = await http.GetStringAsync("/s/demo");
        Assert.Contains("consent", landing, StringComparison.OrdinalIgnoreCase);
        foreach (Match stylesheet in Stylesheet().Matches(landing))
        {
            using var css = await http.GetAsync(stylesheet.Groups[1].Value);
            Assert.True(css.StatusCode == HttpStatusCode.OK, $"{stylesheet.Groups[1].Value} answered {(int)css.StatusCode}");
        }
        Assert.Equal("Healthy", await http.GetStringAsync("/health"));

        using var consent = await http.PostAsync("/s/demo/consent?PROLIFIC_PID=smoke1&STUDY_ID=st&SESSION_ID=se",
            new FormUrlEncodedContent([new("consent", "true")]));
        Assert.Equal(HttpStatusCode.SeeOther, consent.StatusCode);
        var cookie = consent.Headers.GetValues("Set-Cookie").First().Split(';')[0];

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/session"), o => o.Headers["Cookie"] = cookie)
            .Build();
        await hub.StartAsync();
        await hub.InvokeAsync<object>("CompleteStage", "instructions");
        var reply = new List<string>();
        using var patience = new CancellationTokenSource(StartPatience);
        await foreach (var piece in hub.StreamAsync<string>("StreamReply", "Hello, who are you?", patience.Token))
            reply.Add(piece);

        // The random-weights demo model may legitimately stop at once; what must hold is that the reply streamed
        // from the in-process model is the one saved as the model's turn.
        var session = await hub.InvokeAsync<JsonElement>("GetSession");
        var turns = session.GetProperty("turns");
        Assert.Equal(2, turns.GetArrayLength());
        Assert.Equal(string.Concat(reply), turns[1].GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(turns[1].GetProperty("finishReason").GetString()));
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        if (Listening().Match(line) is { Success: true } m) _listening.TrySetResult(new Uri(m.Groups[1].Value + "/"));
    }

    private string Output()
    {
        lock (_output) return string.Join('\n', _output);
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s]+)")]
    private static partial Regex Listening();

    [GeneratedRegex(@"Created admin account 'admin' with password: \S{16,}")]
    private static partial Regex AdminLogin();

    [GeneratedRegex(@"<link rel=""stylesheet"" href=""([^""]+)""")]
    private static partial Regex Stylesheet();
}
