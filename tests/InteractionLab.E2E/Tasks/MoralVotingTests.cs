using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Api.MoralGraph.Voting;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E.Tasks;

/// <summary>
/// Moral graph voting in Chromium against the real server on PostgreSQL (issue 7): a researcher approves the drafted
/// stories on the review page, a participant votes on them (reloading in the middle), and the researcher sees the
/// votes on the moral graph page. Screenshots go to artifacts/screenshots/moral-voting/.
/// </summary>
public sealed class MoralVotingTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string Password = "researcher-e2e-password-7";
    private static readonly string Shots = Directory.CreateDirectory(Path.Combine(Artifacts.Screenshots, "moral-voting")).FullName;

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = true });

    private async Task<(string Slug, Guid Id)> StudyAsync()
    {
        var slug = await platform.CreateStudyAsync(c => c with
        {
            Stages =
            [
                c.Stages[0],
                new StageConfig("vote", StageKind.Task, "Which is wiser?", Task: new TaskConfig(MoralVotingTask.TaskKey,
                    Settings: new Dictionary<string, string> { [MoralVotingTask.VotesSetting] = "2", [MoralVotingTask.QuestionSetting] = "q1" })),
                c.Stages[^1],
            ],
        });
        await using var scope = platform.Scope(out var db);
        var id = await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "e2e"), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "test"));
        await scope.ServiceProvider.GetRequiredService<MoralGraphService>().ImportAsync(admin, id, """
            { "values": [
              { "id": "a", "questionId": "q1", "title": "Keeping them safe", "description": "Protecting the person from harm they may not see.", "policies": ["RISKS they cannot see yet", "MOMENTS when a choice cannot be undone"] },
              { "id": "b", "questionId": "q1", "title": "Space to find their way", "description": "Giving room to think things through.", "policies": ["FEELINGS they have not put into words", "CHOICES they want to make themselves"] },
              { "id": "c", "questionId": "q1", "title": "Honest presence", "description": "Staying with them, saying what I see.", "policies": ["SIGNS that they feel alone"] }
            ] }
            """);
        db.WiserHypotheses.AddRange(new[] { ("a", "b"), ("b", "c"), ("c", "a") }.Select(p => new WiserHypothesis
        {
            StudyId = id, QuestionId = "q1", FromValueId = p.Item1, ToValueId = p.Item2, Context = "When in distress",
            Story = $"I used to think only about {(p.Item1 == "a" ? "keeping my friend safe" : p.Item1 == "b" ? "giving my friend space" : "being there")}. After a hard week together I saw what I had missed, and now I pay attention to something else first.",
            Model = "scripted/writer", PromptHash = HypothesisPrompt.Shipped.Hash, CreatedAt = DateTimeOffset.UtcNow,
        }));
        await db.SaveChangesAsync();
        return (slug, id);
    }

    [Fact]
    public async Task AResearcherApprovesStoriesAParticipantVotesThroughAReloadAndTheGraphShowsTheVotes()
    {
        var (slug, studyId) = await StudyAsync();
        var name = "mgv-" + Guid.NewGuid().ToString("N")[..8];
        await platform.CreateStaffAsync(name, StaffRoles.Admin, Password);
        await using var researcher = await platform.NewStaffBrowserAsync();
        await researcher.SignInAsync(name, Password);

        // Nothing reaches participants before approval: approve all three on the review page.
        await researcher.Page.GotoAsync($"admin/studies/{studyId}/hypotheses");
        await Expect(researcher.Heading).ToContainTextAsync("Wiser-than stories");
        await researcher.WaitUntilInteractiveAsync(".hy-bulk button");
        await Expect(researcher.Page.Locator("li.hy-item")).ToHaveCountAsync(3);
        await ShotAsync(researcher.Page, "01-review-drafts");
        await researcher.ClickAsync("Select all shown");
        await researcher.ClickAsync("Approve selected");
        await Expect(researcher.Page.Locator(".admin-note")).ToHaveTextAsync("3 stories approved.");
        await ShotAsync(researcher.Page, "02-review-approved");

        await using var participant = await platform.NewParticipantAsync(1280, 800);
        await participant.ConsentAsync(slug, "PIDVOTE" + Guid.NewGuid().ToString("N")[..6]);
        await Expect(participant.Heading).ToHaveTextAsync("Which is wiser?");
        var page = participant.Page;
        await Expect(page.Locator(".voting-count")).ToHaveTextAsync("Story 1 of 2");
        await ShotAsync(page, "03-participant-story");
        await page.GetByLabel("Yes").CheckAsync();
        await page.GetByLabel("Why? (optional)").FillAsync("They learned to look further.");
        await participant.ClickAsync("Next");
        await Expect(page.Locator(".voting-count")).ToHaveTextAsync("Story 2 of 2");
        var second = await page.Locator("blockquote").TextContentAsync();

        // A reload comes back to the same story.
        await page.ReloadAsync();
        await participant.WaitUntilInteractiveAsync();
        await Expect(page.Locator(".voting-count")).ToHaveTextAsync("Story 2 of 2");
        await Expect(page.Locator("blockquote")).ToHaveTextAsync(second!);
        await ShotAsync(page, "04-participant-after-reload");
        await page.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await participant.ClickAsync("Next");
        await Expect(page.Locator(".voting-done h2")).ToHaveTextAsync("Thank you");
        await ShotAsync(page, "05-participant-done");
        await participant.ClickAsync("Continue");
        // The debrief shows the code once the trace is saved; the participant goes back to Prolific with its button.
        await participant.ReturnToProlificAsync();

        await using (var scope = platform.Scope(out var db))
        {
            var votes = await db.WiserVotes.Where(v => v.StudyId == studyId).OrderBy(v => v.CastAt).ToListAsync();
            Assert.Equal([Domain.MoralGraph.VoteChoice.Wiser, Domain.MoralGraph.VoteChoice.NotWiser], votes.Select(v => v.Choice));
            Assert.Equal("They learned to look further.", votes[0].Reason);
        }

        // The researcher's graph counts the new votes: with one voter the published bar of two wiser votes keeps nothing;
        // at one vote the "yes" story becomes an edge between its two values, the "no" one does not pass.
        await researcher.Page.GotoAsync($"admin/studies/{studyId}/moral-graph");
        await Expect(researcher.Page.GetByText("0 values, 0 edges.")).ToBeVisibleAsync();
        await researcher.WaitUntilInteractiveAsync("form.mg-filters");
        await researcher.SetAsync("input[type=number][min='0'][step='1']", "1");
        await researcher.ClickAsync("Show graph");
        await Expect(researcher.Page.GetByText("2 values, 1 edges.")).ToBeVisibleAsync();
        await ShotAsync(researcher.Page, "07-moral-graph");
    }
}
