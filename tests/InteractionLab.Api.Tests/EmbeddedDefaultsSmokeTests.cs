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
    private PlatformProcess _app = null!;

    public async Task InitializeAsync()
    {
        // No settings at all: whatever the environment says about the database is removed too.
        _app = new PlatformProcess(_workDir, new Dictionary<string, string?>());
        await _app.StartAsync(StartPatience);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }

    [Fact]
    public async Task TheEmbeddedDefaultsStartPrintTheAdminLoginAndServeTheDemoStudyWithALiveModel()
    {
        var baseAddress = _app.Address!;
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };

        Assert.Matches(AdminLogin(), _app.Output());
        Assert.True(File.Exists(Path.Combine(_workDir, "data", "interactionlab.db")), "SQLite database in data/");
        Assert.True(File.Exists(Path.Combine(_workDir, "data", "models", "demo-chat", "onnx", "model.onnx")), "demo model in data/models");

        var home = await http.GetStringAsync("/");
        Assert.Contains("Take part in the demo study", home);
        // The newcomer finds the admin panel from the home page, and its sign-in form works on the embedded SQLite.
        Assert.Contains("href=\"admin\"", home);
        Assert.Contains("<h1>Sign in</h1>", await http.GetStringAsync("/admin/login"));
        using var landingPage = await http.GetAsync("/s/demo");
        var landing = await landingPage.Content.ReadAsStringAsync();
        Assert.Contains("consent", landing, StringComparison.OrdinalIgnoreCase);
        foreach (Match stylesheet in Stylesheet().Matches(landing))
        {
            using var css = await http.GetAsync(stylesheet.Groups[1].Value);
            Assert.True(css.StatusCode == HttpStatusCode.OK, $"{stylesheet.Groups[1].Value} answered {(int)css.StatusCode}");
        }
        Assert.Equal("Healthy", await http.GetStringAsync("/health"));

        // The consent form carries the page's antiforgery token, as a browser sends it.
        using var consentForm = new HttpRequestMessage(HttpMethod.Post, "/s/demo/consent?PROLIFIC_PID=smoke1&STUDY_ID=st&SESSION_ID=se")
        {
            Content = new FormUrlEncodedContent([new("consent", "true"), new("__RequestVerificationToken", StaffLogin.AntiforgeryToken(landing))]),
        };
        consentForm.Headers.Add("Cookie", landingPage.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0]);
        using var consent = await http.SendAsync(consentForm);
        Assert.Equal(HttpStatusCode.SeeOther, consent.StatusCode);
        var cookie = consent.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("il_session.demo=", StringComparison.Ordinal)).Split(';')[0];

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

    [GeneratedRegex(@"Created admin account 'admin' with password: \S{16,}")]
    private static partial Regex AdminLogin();

    [GeneratedRegex(@"<link rel=""stylesheet"" href=""([^""]+)""")]
    private static partial Regex Stylesheet();
}
