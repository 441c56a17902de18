using System.Net;
using System.Text.Json;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

/// <summary>Weighted and URL-parameter assignment, and counterbalanced item order, through the real consent endpoint.</summary>
public sealed class AssignmentModeTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<Dictionary<string, int>> PerConditionAsync(Guid studyId)
    {
        await using var scope = platform.Scope(out var db);
        return await db.Sessions.Where(s => s.StudyId == studyId)
            .GroupBy(s => s.ConditionKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    [Fact]
    public async Task WeightedAssignmentSplitsFortyParallelConsentsThreeToOne()
    {
        var (slug, studyId) = await platform.CreateAsync(c => c with
        {
            Assignment = new AssignmentConfig(Mode: AssignmentMode.Weighted),
            Conditions = [c.Conditions[0] with { Weight = 3 }, c.Conditions[1]],
        });

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => platform.Factory.ConsentAsync(slug, prolificPid: $"weighted{i}")));

        var split = await PerConditionAsync(studyId);
        Assert.Equal(30, split["warm"]);
        Assert.Equal(10, split["cool"]);
    }

    private static StudyConfig ByLink(StudyConfig c) => c with { Assignment = new AssignmentConfig(Mode: AssignmentMode.UrlParameter, UrlParameter: "arm") };

    [Fact]
    public async Task UrlParameterModeAssignsTheConditionNamedInTheLink()
    {
        var (slug, studyId) = await platform.CreateAsync(ByLink);

        // Balancing would alternate; the link's key wins every time.
        for (var i = 0; i < 3; i++)
        {
            using var consent = await platform.Factory.PostConsentAsync(slug, query: "?arm=cool");
            Assert.Equal(HttpStatusCode.SeeOther, consent.StatusCode);
        }

        var split = await PerConditionAsync(studyId);
        Assert.Equal(new Dictionary<string, int> { ["cool"] = 3 }, split);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?arm=hot")]
    public async Task AMissingOrUnknownConditionInTheLinkIsRefusedClearlyAndNothingIsRecorded(string query)
    {
        var (slug, studyId) = await platform.CreateAsync(ByLink);

        using var api = await platform.Factory.PostConsentAsync(slug, query: query);
        using var browser = await platform.Factory.PostConsentAsync(slug, query: query, fromBrowser: true);

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ParticipantSessionService.BadConditionLinkTitle, problem.GetProperty("title").GetString());
        Assert.Contains("open the link from your invitation again", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.SeeOther, browser.StatusCode);
        Assert.EndsWith("?problem=link", browser.Headers.Location!.ToString());
        await using var scope = platform.Scope(out var db);
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.StudyId == studyId));
        Assert.Equal(0, await db.ParticipantExternalIds.CountAsync(x => x.StudyId == studyId));
    }

    [Fact]
    public async Task CounterbalancedSurveyQuestionsRotateWithTheParticipantsOrdinalAndTheOrderIsRecorded()
    {
        var (slug, _) = await platform.CreateAsync(c => TestStudies.WithoutChat(c) with
        {
            Conditions = [c.Conditions[0]],
            Stages = [.. TestStudies.WithoutChat(c).Stages.Select(s => s.Key == "rating" ? s with { ItemOrder = ItemOrder.Counterbalanced } : s)],
        });
        var first = await platform.Factory.ConsentAsync(slug);
        var second = await platform.Factory.ConsentAsync(slug);

        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<ParticipantSessionService>();
        var surveys = scope.ServiceProvider.GetRequiredService<Surveys.SurveyService>();
        var orders = new List<List<string>>();
        foreach (var p in new[] { first, second })
        {
            await sessions.CompleteStageAsync(p.SessionId, "instructions");
            var rating = await surveys.SubmitAsync(p.SessionId, "marks", []);
            orders.Add(rating.Stage.Survey!.Items.Select(i => i.Key).ToList());
            await surveys.SubmitAsync(p.SessionId, "rating",
                [new("talk-again", "4"), new("fluency", "5"), new("sensible", "3"), new("specific", "2"), new("enjoyment", "4")]);
        }

        Assert.Equal(["talk-again", "fluency", "sensible", "specific", "enjoyment", "comments"], orders[0]);
        Assert.Equal(["fluency", "sensible", "specific", "enjoyment", "comments", "talk-again"], orders[1]);
        var db = scope.ServiceProvider.GetRequiredService<Data.PlatformDbContext>();
        var recorded = await db.TraceEvents.Where(e => e.SessionId == second.SessionId && e.Type == "survey.item-order").Select(e => e.Payload).SingleAsync();
        Assert.Equal(orders[1], JsonDocument.Parse(recorded).RootElement.GetProperty("items").EnumerateArray().Select(x => x.GetString()!));
    }
}
