using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

/// <summary>Stage progression, survey validation and completion over the hub, on a study without the chat task.</summary>
public sealed class SurveyAndCompletionTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<(ConsentedParticipant Participant, HubConnection Hub)> StartAsync(string? prolificPid = null, Func<StudyConfig, StudyConfig>? change = null)
    {
        var (slug, _) = await platform.CreateAsync(c => (change ?? (x => x))(TestStudies.WithoutChat(c)));
        var participant = await platform.Factory.ConsentAsync(slug, prolificPid);
        var hub = platform.Factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();
        return (participant, hub);
    }

    private static readonly SurveyAnswer[] ValidRating =
    [
        new("talk-again", "4"), new("fluency", "5"), new("sensible", "3"), new("specific", "2"), new("enjoyment", "4"),
    ];

    private async Task<int> ResponseCountAsync(SessionId session)
    {
        await using var scope = platform.Scope(out var db);
        return await db.SurveyResponses.CountAsync(r => r.SessionId == session);
    }

    [Fact]
    public async Task CompletingAStageTwiceIsANoOpAndSkippingAheadIsRefused()
    {
        var (_, hub) = await StartAsync();
        await using var _ = hub;
        var start = await hub.InvokeAsync<SessionView>("GetSession");
        Assert.Equal("instructions", start.Stage.Key);

        var next = await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        var again = await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        var skip = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SessionView>("CompleteStage", "debrief"));

        Assert.Equal("marks", next.Stage.Key);
        Assert.Equal(next.StageIndex, again.StageIndex);
        Assert.Contains("not reached yet", skip.Message);
    }

    [Fact]
    public async Task InvalidSurveyAnswersAreListedAndNothingIsSaved()
    {
        var (participant, hub) = await StartAsync();
        await using var _ = hub;
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        await hub.InvokeAsync<SessionView>("SubmitSurvey", "marks", Array.Empty<SurveyAnswer>());

        SurveyAnswer[] bad = [new("talk-again", "6"), new("fluency", "five"), new("sensible", "3"), new("nonsense", "1")];
        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SessionView>("SubmitSurvey", "rating", bad));

        Assert.Contains("talk-again", error.Message);
        Assert.Contains("from 1 to 5", error.Message);
        Assert.Contains("fluency", error.Message);
        Assert.Contains("nonsense", error.Message);
        Assert.Contains("enjoyment", error.Message); // required but missing
        Assert.Equal(0, await ResponseCountAsync(participant.SessionId));
        Assert.Equal("rating", (await hub.InvokeAsync<SessionView>("GetSession")).Stage.Key);
    }

    [Fact]
    public async Task TurnMarksAreAcceptedOnlyForExistingModelTurns()
    {
        var (participant, hub) = await StartAsync();
        await using var _ = hub;
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        await using (var scope = platform.Scope(out var db))
        {
            db.Turns.Add(new Turn { SessionId = participant.SessionId, Index = 0, Role = TurnRole.Participant, Text = "Hi", CreatedAt = DateTimeOffset.UtcNow });
            db.Turns.Add(new Turn { SessionId = participant.SessionId, Index = 1, Role = TurnRole.Model, Text = "Hello!", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var onParticipantTurn = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<SessionView>("SubmitSurvey", "marks", new[] { new SurveyAnswer("boring", "true", 0) }));
        var saved = await hub.InvokeAsync<SessionView>("SubmitSurvey", "marks",
            new[] { new SurveyAnswer("boring", "true", 1), new SurveyAnswer("no-sense", "false", 1) });

        Assert.Contains("Turn 0 is not a chatbot reply", onParticipantTurn.Message);
        Assert.Equal("rating", saved.Stage.Key);
        await using var check = platform.Scope(out var db2);
        var marks = await db2.SurveyResponses.Where(r => r.SessionId == participant.SessionId).OrderBy(r => r.ItemKey).ToListAsync();
        Assert.Equal(["boring", "no-sense"], marks.Select(m => m.ItemKey));
        Assert.All(marks, m => Assert.Equal(1, m.TurnIndex));
    }

    [Fact]
    public async Task CompletionGivesTheCodeAndProlificRedirectOnlyAfterEverythingIsSaved()
    {
        var (participant, hub) = await StartAsync(prolificPid: "5f" + Guid.NewGuid().ToString("N")[..22]);
        await using var _ = hub;
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        var beforeEnd = await hub.InvokeAsync<SessionView>("SubmitSurvey", "marks", Array.Empty<SurveyAnswer>());
        Assert.Null(beforeEnd.Completion);

        var done = await hub.InvokeAsync<SessionView>("SubmitSurvey", "rating", ValidRating);

        Assert.Equal(SessionStatus.Completed, done.Status);
        Assert.Equal("debrief", done.Stage.Key);
        Assert.Equal("DEMO-C0MPL3TE", done.Completion!.Code);
        Assert.Equal("https://app.prolific.com/submissions/complete?cc=DEMO-C0MPL3TE", done.Completion.RedirectUrl);
        await using var scope = platform.Scope(out var db);
        var session = await db.Sessions.SingleAsync(s => s.Id == participant.SessionId);
        Assert.Equal(SessionStatus.Completed, session.Status);
        Assert.NotNull(session.CompletedAt);
        Assert.Equal(ValidRating.Length, await db.SurveyResponses.CountAsync(r => r.SessionId == participant.SessionId && r.StageKey == "rating"));
    }

    [Fact]
    public async Task AParticipantWhoCameWithoutProlificIdsGetsTheCodeButIsNeverSentToProlific()
    {
        // The study returns Prolific participants by itself after 5 s; this one opened the plain link.
        var (_, hub) = await StartAsync(change: c => c with { Recruitment = c.Recruitment with { AutoRedirectSeconds = 5 } });
        await using var _ = hub;
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        await hub.InvokeAsync<SessionView>("SubmitSurvey", "marks", Array.Empty<SurveyAnswer>());

        var done = await hub.InvokeAsync<SessionView>("SubmitSurvey", "rating", ValidRating);

        Assert.Equal(SessionStatus.Completed, done.Status);
        Assert.Equal("DEMO-C0MPL3TE", done.Completion!.Code);
        Assert.Null(done.Completion.RedirectUrl);
        Assert.Null(done.Completion.AutoRedirectSeconds);
        Assert.Null(done.Completion.MTurkSubmit);
    }

    [Fact]
    public async Task AProlificParticipantIsToldHowLongTheDebriefStaysBeforeTheAutomaticReturn()
    {
        var (_, hub) = await StartAsync(prolificPid: "5f" + Guid.NewGuid().ToString("N")[..22],
            change: c => c with { Recruitment = c.Recruitment with { AutoRedirectSeconds = 5 } });
        await using var _ = hub;
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        await hub.InvokeAsync<SessionView>("SubmitSurvey", "marks", Array.Empty<SurveyAnswer>());

        var done = await hub.InvokeAsync<SessionView>("SubmitSurvey", "rating", ValidRating);

        Assert.Equal("https://app.prolific.com/submissions/complete?cc=DEMO-C0MPL3TE", done.Completion!.RedirectUrl);
        Assert.Equal(5, done.Completion.AutoRedirectSeconds);
    }

    [Fact]
    public async Task ResubmittingACompletedSurveyChangesNothing()
    {
        var (participant, hub) = await StartAsync();
        await using var _ = hub;
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        await hub.InvokeAsync<SessionView>("SubmitSurvey", "marks", Array.Empty<SurveyAnswer>());
        await hub.InvokeAsync<SessionView>("SubmitSurvey", "rating", ValidRating);

        var replay = await hub.InvokeAsync<SessionView>("SubmitSurvey", "rating", new[] { new SurveyAnswer("talk-again", "1") });

        Assert.Equal(SessionStatus.Completed, replay.Status);
        await using var scope = platform.Scope(out var db);
        Assert.Equal("4", (await db.SurveyResponses.SingleAsync(r => r.SessionId == participant.SessionId && r.ItemKey == "talk-again")).Value);
    }

    [Fact]
    public async Task ConcurrentDoubleSubmitStoresTheAnswersOnce()
    {
        var (participant, hub) = await StartAsync();
        await using var _ = hub;
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        await hub.InvokeAsync<SessionView>("SubmitSurvey", "marks", Array.Empty<SurveyAnswer>());

        var sessions = platform.Factory.Services;
        var submits = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = sessions.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Surveys.SurveyService>().SubmitAsync(participant.SessionId, "rating", ValidRating);
        });
        var views = await Task.WhenAll(submits);

        Assert.All(views, v => Assert.Equal(SessionStatus.Completed, v.Status));
        Assert.Equal(ValidRating.Length, await ResponseCountAsync(participant.SessionId));
    }

    [Fact]
    public async Task ReturningAfterCompletionShowsTheCompletionCode()
    {
        var (participant, hub) = await StartAsync();
        await using (hub)
        {
            await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
            await hub.InvokeAsync<SessionView>("SubmitSurvey", "marks", Array.Empty<SurveyAnswer>());
            await hub.InvokeAsync<SessionView>("SubmitSurvey", "rating", ValidRating);
        }
        var view = await platform.Factory.ConsentAsync((await SlugOf(participant.SessionId)), cookie: participant.Cookie);

        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<ParticipantSessionService>();
        var resumed = await sessions.GetSessionAsync(view.SessionId);
        Assert.Equal(participant.SessionId, view.SessionId);
        Assert.Equal("DEMO-C0MPL3TE", resumed.Completion?.Code);
    }

    [Fact]
    public async Task LandingShowsTitleAndConsentTextOfTheDemoStudy()
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var landing = await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().GetLandingAsync("demo");
        Assert.Equal("Chatting with a chatbot", landing.Title);
        Assert.Contains("research study", landing.ConsentText);
        Assert.True(landing.AcceptsParticipants);
    }

    private async Task<string> SlugOf(SessionId session)
    {
        await using var scope = platform.Scope(out var db);
        var studyId = await db.Sessions.Where(s => s.Id == session).Select(s => s.StudyId).SingleAsync();
        return await db.Studies.Where(s => s.Id == studyId).Select(s => s.Slug).SingleAsync();
    }
}
