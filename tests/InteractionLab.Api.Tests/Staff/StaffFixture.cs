using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>A running platform with one signed-in client per staff role and a study owned by the researcher.</summary>
public sealed class StaffFixture : IAsyncLifetime
{
    /// <summary>The platform and its database.</summary>
    public PlatformFixture Platform { get; } = new();

    /// <summary>A client signed in through the real form, per role; the user is named <c>matrix-{role}</c>.</summary>
    public Dictionary<string, HttpClient> Clients { get; } = [];

    /// <summary>A study owned by <c>matrix-researcher</c>.</summary>
    public Guid ResearcherStudy { get; private set; }

    /// <summary>An open study owned by <c>matrix-researcher</c> and a participant's session in it.</summary>
    public (Guid Study, SessionId Session) ResearcherSession { get; private set; }

    /// <summary>The slug of the open study of <see cref="ResearcherSession"/>.</summary>
    public string OpenStudySlug { get; private set; } = "";

    /// <summary>The participant's cookie (a <c>Cookie</c> header value) for <see cref="ResearcherSession"/>.</summary>
    public string ParticipantCookie { get; private set; } = "";

    /// <summary>API keys bound to the open study, with the export and the import scope.</summary>
    public string ExportKey { get; private set; } = "";

    /// <inheritdoc cref="ExportKey"/>
    public string ImportKey { get; private set; } = "";

    /// <summary>
    /// The caller whose admin account was disabled after signing in: their client and cookie are kept, as a page
    /// opened before the change keeps them.
    /// </summary>
    public const string DisabledAdmin = "disabled-admin";

    private readonly Dictionary<string, string> _staffCookies = [];

    /// <summary>The staff cookie (a <c>Cookie</c> header value) of the role's user, for clients without a cookie jar (the hub).</summary>
    public string StaffCookie(string role) => _staffCookies[role];

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        foreach (var role in StaffRoles.All) Clients[role] = await Platform.Factory.SignedInClientAsync(role, "matrix-" + role);
        ResearcherStudy = (await Platform.CreateOwnedStudyAsync("matrix-" + StaffRoles.Researcher)).Id;
        var (slug, open) = await Platform.CreateOwnedStudyAsync("matrix-" + StaffRoles.Researcher, StudyStatus.Open);
        var participant = await Platform.Factory.ConsentAsync(slug);
        (OpenStudySlug, ParticipantCookie, ResearcherSession) = (slug, participant.Cookie, (open, participant.SessionId));
        foreach (var role in StaffRoles.All) _staffCookies[role] = await Platform.Factory.SignInCookieAsync("matrix-" + role);
        var disabled = await Platform.Factory.CreateUserAsync("matrix-" + DisabledAdmin, StaffRoles.Admin);
        _staffCookies[DisabledAdmin] = await Platform.Factory.SignInCookieAsync("matrix-" + DisabledAdmin);
        await using var scope = Platform.Factory.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<Api.ApiKeys.ApiKeyService>();
        ExportKey = (await keys.CreateAsync("matrix-" + StaffRoles.Researcher, open, [Api.ApiKeys.ApiKeyScopes.Export])).Key;
        ImportKey = (await keys.CreateAsync("matrix-" + StaffRoles.Researcher, open, [Api.ApiKeys.ApiKeyScopes.Import])).Key;
        await scope.ServiceProvider.GetRequiredService<IStaffAccounts>().LockAsync(StaffTestSupport.Principal("boss", StaffRoles.Admin), disabled);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients.Values) client.Dispose();
        await Platform.DisposeAsync();
    }

    /// <summary>
    /// <paramref name="route"/> with its placeholders filled: <c>{study}</c> is <see cref="ResearcherStudy"/>, or the
    /// study of <see cref="ResearcherSession"/> when the route also names a <c>{session}</c>.
    /// </summary>
    public string Resolve(string route) => route.Contains("{session}", StringComparison.Ordinal)
        ? route.Replace("{study}", ResearcherSession.Study.ToString(), StringComparison.Ordinal)
            .Replace("{session}", ResearcherSession.Session.ToString(), StringComparison.Ordinal)
        : route.Replace("{study}", ResearcherStudy.ToString(), StringComparison.Ordinal);

    /// <summary>The client for a role, or an anonymous one for "anonymous".</summary>
    public HttpClient ClientFor(string role) => role == AuthorizationMatrixTests.Anonymous ? Platform.Factory.CreateBrowserClient() : Clients[role];
}
