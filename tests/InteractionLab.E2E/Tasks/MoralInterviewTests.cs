using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Domain.Studies;
using InteractionLab.E2E.Infrastructure;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E.Tasks;

/// <summary>
/// A participant's values interview in Chromium against the real server, with the scripted OpenAI-compatible
/// interviewer registered as a model endpoint in the admins' registry (the one faked LM, at the HTTP level).
/// </summary>
public sealed class MoralInterviewTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>, IAsyncLifetime
{
    private ScriptedInterviewer interviewer = null!;

    public async Task InitializeAsync()
    {
        interviewer = await ScriptedInterviewer.StartAsync();
        await using var scope = platform.Scope(out var db);
        if (!await db.ModelEndpoints.AnyAsync(e => e.Name == "scripted"))
        {
            db.ModelEndpoints.Add(new ModelEndpoint
            {
                Name = "scripted", BaseUrl = interviewer.BaseUrl, Style = EndpointStyle.Chat, DefaultModels = ["interviewer"],
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync() => await interviewer.DisposeAsync();

    [Fact]
    public async Task AParticipantPicksAQuestionChatsResumesAfterAReloadSeesTheirCardAndSubmitsIt()
    {
        var slug = await platform.CreateStudyAsync(_ => InterviewStudy.Config(new ModelRef("scripted", "interviewer")));
        await using var participant = await platform.NewParticipantAsync(1280, 800);
        await participant.ConsentAsync(slug, Guid.NewGuid().ToString("N")[..24]);
        await Expect(participant.Heading).ToHaveTextAsync("What do you care about?");
        await participant.WaitUntilInteractiveAsync();
        await participant.ScreenshotAsync("moral-interview/1-pick-question");

        await participant.Page.GetByLabel("My friend just lost her father and keeps cancelling our plans. What should I do?").CheckAsync();
        await participant.ClickAsync("Start the interview");
        await Expect(participant.Page.Locator(".asked")).ToContainTextAsync("My friend just lost her father");
        await Expect(participant.Page.GetByRole(AriaRole.Button, new() { Name = "Submit card" })).ToBeDisabledAsync();
        await participant.TypeAndSendAsync("She keeps cancelling and I feel hurt.");
        await participant.WaitForRepliesAsync(1);
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync("What do you notice first when she cancels?");

        // A reload mid-interview comes back to the same chat.
        await participant.Page.ReloadAsync();
        await participant.WaitUntilInteractiveAsync();
        await Expect(participant.OwnMessages).ToHaveTextAsync(["She keeps cancelling and I feel hurt."]);
        await Expect(participant.ModelReplies).ToHaveCountAsync(1);
        await participant.ScreenshotAsync("moral-interview/2-chat-after-reload");

        await participant.TypeAndSendAsync("I notice she needs quiet. Please show me my card.");
        await Expect(participant.Page.Locator(".card-panel h4")).ToHaveTextAsync("Space to grieve at their pace");
        await Expect(participant.Page.Locator(".card-panel .policies li")).ToHaveCountAsync(3);
        await participant.WaitForRepliesAsync(2);
        await participant.ScreenshotAsync("moral-interview/3-card-shown");

        await participant.ClickAsync("Submit card");
        await Expect(participant.Page.Locator(".interview-done")).ToContainTextAsync("your values card is submitted");
        await participant.ScreenshotAsync("moral-interview/4-submitted");
        await participant.ClickAsync("Continue");
        // The debrief hands over to Prolific once the trace is saved: the whole journey is complete.
        await participant.Page.WaitForURLAsync("https://app.prolific.com/submissions/complete?cc=DEMO-C0MPL3TE");

        await using var scope = platform.Scope(out var db);
        var study = await db.Studies.SingleAsync(s => s.Slug == slug);
        var card = await db.ValuesCards.SingleAsync(c => c.StudyId == study.Id);
        Assert.Equal(("friend-grieving", MoralGraphSource.Interview, "new"), (card.QuestionId, card.Source, card.CanonicalDecision));
    }
}
