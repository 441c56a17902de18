using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Api.MoralGraph.Voting;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.E2E.Infrastructure;
using InteractionLab.Testing;
using InteractionLab.Testing.LanguageModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E.Tasks;

/// <summary>
/// A participant's values interview in Chromium against the real server, with the scripted OpenAI-compatible
/// interviewer registered as a model endpoint in the admins' registry (the one faked LM, at the HTTP level).
/// </summary>
public sealed class MoralInterviewTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>, IAsyncLifetime
{
    private ScriptedOpenAiServer model = null!;
    private readonly InterviewerScript interviewer = new();
    private readonly string endpoint = "scripted-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        model = await ScriptedOpenAiServer.StartAsync(interviewer.AddTo);
        // Each test gets its own scripted server, so each registers it under its own endpoint name.
        await using var scope = platform.Scope(out var db);
        db.ModelEndpoints.Add(new ModelEndpoint
        {
            Name = endpoint, BaseUrl = model.BaseUrl, Style = EndpointStyle.Chat, DefaultModels = ["interviewer"],
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private ModelRef Interviewer => new(endpoint, "interviewer");

    public async Task DisposeAsync() => await model.DisposeAsync();

    [Fact]
    public async Task AParticipantPicksAQuestionChatsResumesAfterAReloadSeesTheirCardAndSubmitsIt()
    {
        var slug = await platform.CreateStudyAsync(_ => InterviewStudy.Config(Interviewer));
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
        // The debrief shows the code once the trace is saved and hands over to Prolific: the whole journey is complete.
        await participant.ReturnToProlificAsync();

        await using var scope = platform.Scope(out var db);
        var study = await db.Studies.SingleAsync(s => s.Slug == slug);
        var card = await db.ValuesCards.SingleAsync(c => c.StudyId == study.Id);
        Assert.Equal(("friend-grieving", MoralGraphSource.Interview, "new"), (card.QuestionId, card.Source, card.CanonicalDecision));
    }

    [Fact]
    public async Task AParticipantIsInterviewedSubmitsACardVotesOnAStoryAndTheResearcherSeesTheGraph()
    {
        var interview = InterviewStudy.Config(Interviewer);
        var voting = new StageConfig("vote", StageKind.Task, "Which is wiser?", Task: new TaskConfig(MoralVotingTask.TaskKey,
            Settings: new Dictionary<string, string>
            {
                [MoralVotingTask.VotesSetting] = "1", [MoralVotingTask.SkipOwnSetting] = "false", [MoralVotingTask.QuestionSetting] = "friend-grieving",
            }));
        var slug = await platform.CreateStudyAsync(_ => interview with { Stages = [.. interview.Stages.SkipLast(1), voting, interview.Stages[^1]] });
        Guid studyId;
        // Two values from an earlier study of the same question and one approved story between them.
        await using (var scope = platform.Scope(out var db))
        {
            studyId = await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
            var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "e2e"), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "test"));
            await scope.ServiceProvider.GetRequiredService<MoralGraphService>().ImportAsync(admin, studyId, """
                { "values": [
                  { "id": "plans", "questionId": "friend-grieving", "title": "Keeping plans as promised", "description": "Holding friends to what was agreed.", "policies": ["PROMISES that were made together"] },
                  { "id": "honest", "questionId": "friend-grieving", "title": "Honest words about hurt", "description": "Telling a friend kindly that the cancellations hurt.", "policies": ["FEELINGS I hide to keep the peace"] }
                ] }
                """);
            db.WiserHypotheses.Add(new WiserHypothesis
            {
                StudyId = studyId, QuestionId = "friend-grieving", FromValueId = "plans", ToValueId = "honest", Context = "When in distress",
                Story = "I used to hold my friend to every plan we made. When her father died I learned to tell her kindly how the cancellations felt.",
                Status = HypothesisStatus.Approved, Model = "scripted/writer", PromptHash = HypothesisPrompt.Shipped.Hash, CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        // The imported values are different values from the participant's card; deduplication (real MiniLM embeddings)
        // may still ask the model about a close one, and the model says they differ.
        interviewer.SameValueAnswer = "no";
        await using var participant = await platform.NewParticipantAsync(1280, 800);
        var page = participant.Page;
        await participant.ConsentAsync(slug, Guid.NewGuid().ToString("N")[..24]);
        await participant.WaitUntilInteractiveAsync();
        await page.GetByLabel("My friend just lost her father and keeps cancelling our plans. What should I do?").CheckAsync();
        await participant.ClickAsync("Start the interview");
        await participant.TypeAndSendAsync("She keeps cancelling and I feel hurt.");
        await participant.WaitForRepliesAsync(1);
        await participant.TypeAndSendAsync("I notice she needs quiet. Please show me my card.");
        await Expect(page.Locator(".card-panel h4")).ToHaveTextAsync("Space to grieve at their pace");
        await participant.WaitForRepliesAsync(2);
        await participant.ClickAsync("Submit card");
        await Expect(page.Locator(".interview-done")).ToContainTextAsync("your values card is submitted");
        await participant.ClickAsync("Continue");

        // The voting stage: the approved story, then where the participant's own value stands.
        await Expect(participant.Heading).ToHaveTextAsync("Which is wiser?");
        await Expect(page.Locator("blockquote")).ToContainTextAsync("tell her kindly how the cancellations felt");
        await page.GetByLabel("Yes").CheckAsync();
        await participant.ClickAsync("Next");
        await Expect(page.Locator(".voting-position h2")).ToHaveTextAsync("Your value in the graph");
        await Expect(page.Locator(".voting-position")).ToContainTextAsync("Space to grieve at their pace");
        await participant.ScreenshotAsync("moral-interview/5-own-value-position");
        await page.Locator("#fair-4").CheckAsync();
        await participant.ClickAsync("Submit");
        await Expect(page.Locator(".voting-done h2")).ToHaveTextAsync("Thank you");
        await participant.ClickAsync("Continue");
        await participant.ReturnToProlificAsync();

        await using (var scope = platform.Scope(out var db))
        {
            var vote = await db.WiserVotes.SingleAsync(v => v.StudyId == studyId);
            Assert.Equal(("plans", "honest", Domain.MoralGraph.VoteChoice.Wiser), (vote.FromValueId, vote.ToValueId, vote.Choice));
            Assert.Equal(3, await db.ValuesCards.Where(c => c.StudyId == studyId).Select(c => c.ValueId).Distinct().CountAsync());
        }

        // The researcher's graph: the participant's value beside the imported ones, and the voted story as an edge.
        var name = "mge-" + Guid.NewGuid().ToString("N")[..8];
        await platform.CreateStaffAsync(name, StaffRoles.Admin, "researcher-e2e-password-9");
        await using var researcher = await platform.NewStaffBrowserAsync();
        await researcher.SignInAsync(name, "researcher-e2e-password-9");
        await researcher.Page.GotoAsync($"admin/studies/{studyId}/moral-graph");
        // One vote: below the published bar of two wiser votes, so the researcher lowers it to see the edge.
        await researcher.WaitUntilInteractiveAsync("form.mg-filters");
        await researcher.SetAsync("input[type=number][min='0'][step='1']", "1");
        await researcher.ClickAsync("Show graph");
        await Expect(researcher.Page.GetByText("2 values, 1 edges.")).ToBeVisibleAsync();
        await researcher.Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Directory.CreateDirectory(Path.Combine(Artifacts.Screenshots, "moral-interview")).FullName, "6-researcher-graph.png"),
            FullPage = true,
        });
    }
}
