using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
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

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        foreach (var role in StaffRoles.All) Clients[role] = await Platform.Factory.SignedInClientAsync(role, "matrix-" + role);
        ResearcherStudy = (await Platform.CreateOwnedStudyAsync("matrix-" + StaffRoles.Researcher)).Id;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients.Values) client.Dispose();
        await Platform.DisposeAsync();
    }

    /// <summary>The client for a role, or an anonymous one for "anonymous".</summary>
    public HttpClient ClientFor(string role) => role == AuthorizationMatrixTests.Anonymous ? Platform.Factory.CreateBrowserClient() : Clients[role];
}
