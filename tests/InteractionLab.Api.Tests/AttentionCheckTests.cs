using System.Net.Http.Headers;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Surveys;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

/// <summary>Attention checks screen out, reverse-coded items are scored in the surveys export.</summary>
public sealed class AttentionCheckTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly SurveyItem[] Items =
    [
        new("bored", SurveyItemKind.Likert, "I was bored.", Min: 1, Max: 7, ReverseCoded: true),
        new("check", SurveyItemKind.MultipleChoice, "Please pick 'blue'.", Options: ["red", "blue"], AttentionCheck: "blue"),
        new("again", SurveyItemKind.YesNo, "Would you do it again?"),
    ];

    private Task<(string Slug, Guid Id)> CreateAsync(int? tolerated) => platform.CreateAsync(c => c with
    {
        Stages = [c.Stages[0], new StageConfig("q", StageKind.Survey, "Questions", Survey: new SurveyConfig(Items)), c.Stages[^1]],
        Recruitment = c.Recruitment with
        {
            MaxFailedAttentionChecks = tolerated, ScreenOutCode = "SCREENED", ScreenOutRedirectUrl = "https://app.prolific.com/submissions/complete",
        },
    });

    [Fact]
    public async Task OneFailedCheckTooManyEndsTheSessionAsScreenedOutWithTheScreenOutCodeAndRedirect()
    {
        var (slug, _) = await CreateAsync(tolerated: 0);
        // From Prolific: only a participant who came from there is sent back there.
        var p = await platform.Factory.ConsentAsync(slug, prolificPid: "5f" + Guid.NewGuid().ToString("N")[..22]);
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var surveys = scope.ServiceProvider.GetRequiredService<SurveyService>();

        var view = await surveys.SubmitAsync(p.SessionId, "q", [new("bored", "2"), new("check", "red"), new("again", "yes")]);
        var after = await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(p.SessionId, "q");

        Assert.Equal(SessionStatus.ScreenedOut, view.Status);
        Assert.Equal("q", view.Stage.Key);
        Assert.True(view.Completion!.ScreenedOut);
        Assert.Equal("SCREENED", view.Completion.Code);
        Assert.Equal("https://app.prolific.com/submissions/complete?cc=SCREENED", view.Completion.RedirectUrl);
        Assert.Equal(SessionStatus.ScreenedOut, after.Status);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == p.SessionId);
        Assert.Equal(1, session.FailedAttentionChecks);
        Assert.Equal(3, await db.SurveyResponses.CountAsync(r => r.SessionId == p.SessionId));
    }

    [Fact]
    public async Task ToleratedFailuresAreCountedAndTheParticipantGoesOn()
    {
        var (slug, _) = await CreateAsync(tolerated: 1);
        var p = await platform.Factory.ConsentAsync(slug);
        await using var scope = platform.Factory.Services.CreateAsyncScope();

        var view = await scope.ServiceProvider.GetRequiredService<SurveyService>()
            .SubmitAsync(p.SessionId, "q", [new("bored", "2"), new("check", "red"), new("again", "no")]);

        Assert.Equal(SessionStatus.Completed, view.Status);
        Assert.False(view.Completion!.ScreenedOut);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(1, await db.Sessions.Where(s => s.Id == p.SessionId).Select(s => s.FailedAttentionChecks).SingleAsync());
    }

    [Fact]
    public async Task TheSurveysExportKeepsTheRawAnswerAndAddsTheScoredValueAndTheCheckOutcome()
    {
        var (slug, studyId) = await CreateAsync(tolerated: null);
        var p = await platform.Factory.ConsentAsync(slug);
        string key;
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
        {
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", studyId, [ApiKeyScopes.Export])).Key;
            await scope.ServiceProvider.GetRequiredService<SurveyService>()
                .SubmitAsync(p.SessionId, "q", [new("bored", "2"), new("check", "red"), new("again", "yes")]);
        }

        var client = platform.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var rows = (await client.GetStringAsync($"/api/v1/studies/{studyId}/surveys"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => r.GetProperty("itemKey").GetString()!);
        var sessions = (await client.GetStringAsync($"/api/v1/studies/{studyId}/sessions"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal("2", rows["bored"].GetProperty("value").GetString());
        Assert.Equal(6, rows["bored"].GetProperty("scored").GetDouble());
        Assert.True(rows["bored"].GetProperty("reverseCoded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rows["again"].GetProperty("scored").ValueKind);
        Assert.False(rows["check"].GetProperty("attentionCheckPassed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rows["bored"].GetProperty("attentionCheckPassed").ValueKind);
        Assert.Equal(1, sessions.Single().GetProperty("failedAttentionChecks").GetInt32());
    }
}
