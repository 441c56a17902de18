using System.Net;
using InteractionLab.Domain.Studies;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;
using static InteractionLab.Api.Tests.Annotation.AnnotationApiTests;

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

    /// <summary>The form <see cref="RatedAsync"/> projects use: "good" (yes/no) and "clear" (1–5).</summary>
    public static readonly SurveyConfig Form = new(
    [
        new SurveyItem("good", SurveyItemKind.YesNo, "Is it good?"),
        new SurveyItem("clear", SurveyItemKind.Likert, "How clear?", 1, 5),
    ]);

    /// <summary>A project of <paramref name="items"/> texts rated by the three annotators with <paramref name="answers"/>[annotator][item].</summary>
    public async Task<(Guid Study, Guid Project)> RatedAsync(int items, Func<int, int, (string Good, string Clear)> answers)
    {
        var (study, project) = await Platform.ManualProjectAsync(items, k: 3, c => c with { Form = Form, ReviewThreshold = 0.3 });
        for (var a = 0; a < 3; a++)
        {
            var client = Annotators[a];
            for (var i = 0; i < items; i++)
            {
                var work = (await JsonAsync(await client.PostAsync($"/api/v1/annotation/projects/{project}/next", null)))["work"]!;
                var item = int.Parse(work["content"]!["text"]!.GetValue<string>().Split(' ')[2].TrimEnd('.')) - 1;
                var (good, clear) = answers(a, item);
                var response = await PostAsync(client, $"/api/v1/annotation/projects/{project}/assignments/{work["assignmentId"]}/submit",
                    new { answers = new[] { new { itemKey = "good", value = good }, new { itemKey = "clear", value = clear } } });
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            }
        }
        return (study, project);
    }

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
