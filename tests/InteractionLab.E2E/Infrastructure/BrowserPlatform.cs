using InteractionLab.Api.Data;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using System.Security.Claims;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>
/// One PostgreSQL database, the platform on real Kestrel and one headless Debian Chromium, shared by a test
/// class. Each test makes its own study and its own browser context, so tests never share a participant. The
/// in-process demo model's replies can be held mid-stream (<see cref="Hold"/>).
/// </summary>
public class BrowserPlatform : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly PostgresDatabase database = new();
    private IPlaywright? playwright;
    private PlatformFactory? factory;

    /// <summary>Holds and releases the real model's next reply mid-stream (see <see cref="PausableChatClient"/>).</summary>
    public StreamHold Hold { get; } = new();

    /// <summary>The platform's services (for steps a test takes on the server side, like an admin's action).</summary>
    public IServiceProvider Services => factory!.Services;

    /// <summary>Kestrel's address.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // CI runs every test project at once on two cores: give auto-waiting expectations room beyond the 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);
        await database.InitializeAsync();
        StartPlatform();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Args = ChromiumArgs,
        });
    }

    /// <summary>Settings of the platform beyond the defaults (a fixture for a special case overrides this).</summary>
    protected virtual IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    private void StartPlatform()
    {
        factory = new PlatformFactory(database.ConnectionString, Settings, Hold);
        Address = factory.StartKestrel();
    }

    /// <summary>
    /// Stops the platform the way a deploy does (a graceful stop of the host) and starts a new one on the same database,
    /// on a new port (<see cref="Address"/>); the browser keeps its cookies, which name no port.
    /// </summary>
    public async Task RestartAsync()
    {
        await factory!.DisposeAsync();
        StartPlatform();
    }

    /// <summary>A new study from the demo config (optionally changed), owned by <paramref name="owner"/>; returns its slug.</summary>
    public async Task<string> CreateStudyAsync(Func<StudyConfig, StudyConfig>? change = null, string owner = "e2e", StudyStatus status = StudyStatus.Open)
    {
        var slug = "e2e-" + Guid.NewGuid().ToString("N")[..10];
        await using var scope = Scope(out var db);
        await PlatformSeeder.CreateStudyAsync(db, slug, owner, (change ?? (c => c))(DemoStudy.Config()), status, TimeProvider.System);
        return slug;
    }

    /// <summary>A fresh participant: a new browser context (own cookies and localStorage) at laptop size.</summary>
    public Task<ParticipantBrowser> NewParticipantAsync(int width = 1280, int height = 900) => NewParticipantAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = width, Height = height },
    });

    /// <summary>A fresh participant on a phone: 390×844, touch, a mobile viewport (no hover, coarse pointer).</summary>
    public Task<ParticipantBrowser> NewPhoneParticipantAsync() => NewParticipantAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
    });

    private async Task<ParticipantBrowser> NewParticipantAsync(BrowserNewContextOptions options)
    {
        options.BaseURL = Address.ToString();
        var context = await Browser.NewContextAsync(options);
        // Prolific cannot be reached from here: the browser answers for it, so the hand-over at the end is observable.
        await context.RouteAsync("https://app.prolific.com/**", route => route.FulfillAsync(new()
        {
            Status = 200, ContentType = "text/html", Body = "<h1>Prolific (stand-in)</h1>",
        }));
        return new ParticipantBrowser(context, await context.NewPageAsync());
    }

    /// <summary>A staff account with <paramref name="role"/> and a password that need not be changed.</summary>
    public Task CreateStaffAsync(string userName, string role, string password) =>
        factory!.CreateUserAsync(userName, role, password);

    /// <summary>
    /// A staff account made the way an admin makes one (the users page's service): it gets a one-time password,
    /// returned here, that must be changed at the first sign-in.
    /// </summary>
    public async Task<string> CreateStaffWithOneTimePasswordAsync(string userName, string role)
    {
        await using var scope = factory!.Services.CreateAsyncScope();
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "e2e-admin"), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "test"));
        return await scope.ServiceProvider.GetRequiredService<IStaffAccounts>().CreateAsync(admin, userName, role);
    }

    /// <summary>A staff member's browser: a new context (own cookies) at laptop size.</summary>
    public async Task<AdminBrowser> NewStaffBrowserAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return new AdminBrowser(context, await context.NewPageAsync());
    }

    /// <summary>The sessions started with a Prolific participant id in a study.</summary>
    public async Task<IReadOnlyList<Session>> SessionsOfAsync(string slug, string prolificPid)
    {
        await using var scope = Scope(out var db);
        var studyId = await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
        var participants = db.ParticipantExternalIds
            .Where(x => x.StudyId == studyId && x.ExternalParticipantId == prolificPid).Select(x => x.ParticipantId);
        return await db.Sessions.AsNoTracking().Where(s => participants.Contains(s.ParticipantId)).ToListAsync();
    }

    /// <summary>A session's saved turns, in order (not a reply still being generated: its turn is stored from the request on).</summary>
    public async Task<IReadOnlyList<Turn>> TurnsOfAsync(SessionId sessionId)
    {
        await using var scope = Scope(out var db);
        return await db.Turns.AsNoTracking().Where(t => t.SessionId == sessionId && t.FinishReason != ReplyStore.Generating)
            .OrderBy(t => t.Index).ToListAsync();
    }

    /// <summary>The id of the study with this slug.</summary>
    public async Task<Guid> StudyIdAsync(string slug)
    {
        await using var scope = Scope(out var db);
        return await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
    }

    /// <summary>A completed session stored the way the platform stores one (see <see cref="FinishedSessions"/>).</summary>
    public Task<SessionId> FinishedSessionAsync(Guid studyId, string condition, IReadOnlyList<string> dialogue,
        IReadOnlyList<(string Document, string Draft, string Edited)>? summaries = null, string? prolificPid = null, string model = "local/demo-chat") =>
        FinishedSessions.AddAsync(factory!, studyId, condition, dialogue, summaries: summaries, prolificPid: prolificPid, model: model);

    /// <summary>A fresh context on the test database, for checking what was stored.</summary>
    public AsyncServiceScope Scope(out PlatformDbContext db)
    {
        var scope = factory!.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return scope;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        await database.DisposeAsync();
    }
}
