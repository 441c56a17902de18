using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;

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

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        foreach (var role in StaffRoles.All) Clients[role] = await Platform.Factory.SignedInClientAsync(role, "matrix-" + role);
        ResearcherStudy = (await Platform.CreateOwnedStudyAsync("matrix-" + StaffRoles.Researcher)).Id;
        var (slug, open) = await Platform.CreateOwnedStudyAsync("matrix-" + StaffRoles.Researcher, StudyStatus.Open);
        ResearcherSession = (open, (await Platform.Factory.ConsentAsync(slug)).SessionId);
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
