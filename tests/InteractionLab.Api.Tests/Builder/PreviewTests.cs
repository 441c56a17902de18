using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Seeding;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Web.Participant;
using InteractionLab.Web.Preview;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using InteractionLab.Api.Tests.Infrastructure;

namespace InteractionLab.Api.Tests.Builder;

public sealed class PreviewTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<(int Sessions, int Turns, int Events, int Surveys, int Participants)> CountAsync()
    {
        await using var scope = platform.Scope(out var db);
        return (await db.Sessions.CountAsync(), await db.Turns.CountAsync(), await db.TraceEvents.CountAsync(),
            await db.SurveyResponses.CountAsync(), await db.Participants.CountAsync());
    }

    [Fact]
    public async Task AFullPreviewWalkCallsTheRealModelAndWritesNothingToTheDatabase()
    {
        var config = DemoStudy.Config();
        var before = await CountAsync();
        var journey = new PreviewParticipantJourney("demo", config, "cool", scenarioIndex: 1,
            platform.Factory.Services.GetRequiredService<LanguageModelGateway>());
        var session = journey.Session;

        var start = (await journey.GetSessionAsync(session, default))!;
        Assert.Equal(("instructions", "You are planning a birthday dinner for a friend."), (start.Stage.Key, start.Scenario));
        await journey.CompleteStageAsync(session, "instructions", default);
        var tooEarly = await Assert.ThrowsAsync<ParticipantProblemException>(() => journey.CompleteStageAsync(session, "chat", default));
        Assert.Contains("at least 3 messages", tooEarly.Message);
        var replies = new List<string>();
        foreach (var message in new[] { "Hi there!", "Any idea for a restaurant?", "Thanks, bye." })
        {
            var pieces = new List<string>();
            await foreach (var piece in journey.SendMessageAsync(session, message, default)) pieces.Add(piece);
            replies.Add(string.Concat(pieces));
        }
        var chatted = (await journey.GetSessionAsync(session, default))!;
        Assert.Equal(6, chatted.Turns.Count);
        Assert.Equal([TurnRole.Participant, TurnRole.Model], chatted.Turns.Take(2).Select(t => t.Role));
        Assert.All(replies, r => Assert.False(string.IsNullOrEmpty(r)));
        await journey.CompleteStageAsync(session, "chat", default);

        var missing = await journey.SubmitSurveyAsync(session, "marks", new SurveyAnswers(new Dictionary<string, string>(), []), default);
        Assert.True(missing.Saved); // turn marks are optional
        var invalid = await journey.SubmitSurveyAsync(session, "rating", new SurveyAnswers(new Dictionary<string, string> { ["talk-again"] = "9" }, []), default);
        Assert.False(invalid.Saved);
        Assert.Contains("talk-again", invalid.Errors.Keys);
        var rated = await journey.SubmitSurveyAsync(session, "rating", new SurveyAnswers(new Dictionary<string, string>
        {
            ["talk-again"] = "4", ["fluency"] = "4", ["sensible"] = "3", ["specific"] = "3", ["enjoyment"] = "5", ["comments"] = "",
        }, []), default);

        Assert.True(rated.Saved);
        Assert.Equal(StageKind.Debrief, rated.Session!.Stage.Kind);
        Assert.Equal(new CompletionInfo("DEMO-C0MPL3TE", null), rated.Session.Completion); // no redirect to Prolific from a preview
        Assert.Equal(before, await CountAsync());
    }
}
