using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>
/// A running platform with signed-in clients: the researcher "tester" (who owns the studies <see cref="TestStudies"/>
/// makes), three annotators and a reviewer, all through the real sign-in form.
/// </summary>
public sealed class AnnotationApiFixture : IAsyncLifetime
{
    /// <summary>The platform.</summary>
    public PlatformFixture Platform { get; } = new();

    /// <summary>The researcher.</summary>
    public HttpClient Researcher { get; private set; } = null!;

    /// <summary>Three annotators.</summary>
    public IReadOnlyList<HttpClient> Annotators { get; private set; } = [];

    /// <summary>A reviewer.</summary>
    public HttpClient Reviewer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        Researcher = await Platform.Factory.SignedInClientAsync(StaffRoles.Researcher, "tester");
        var annotators = new List<HttpClient>();
        for (var i = 1; i <= 3; i++) annotators.Add(await Platform.Factory.SignedInClientAsync(StaffRoles.Annotator, $"rater-{i}"));
        Annotators = annotators;
        Reviewer = await Platform.Factory.SignedInClientAsync(StaffRoles.Reviewer, "reviewer-1");
    }

    public async Task DisposeAsync()
    {
        Researcher.Dispose();
        Reviewer.Dispose();
        foreach (var a in Annotators) a.Dispose();
        await Platform.DisposeAsync();
    }
}
