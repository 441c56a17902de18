using InteractionLab.Api.Tasks.Summarization;
using InteractionLab.Domain.Studies;
using InteractionLab.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// Participant pages at 1366×768 and on a 390×844 phone (issue 14, item 12): they fit, keyboard hints only show
/// where there is a keyboard, survey choices are cards, and a study that needs a laptop says so before consent.
/// Screenshots go to <c>artifacts/screenshots/devices/</c>.
/// </summary>
public sealed class PhonesAndLaptopsTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private static Task<ParticipantBrowser> NewAsync(BrowserPlatform platform, bool phone) =>
        phone ? platform.NewPhoneParticipantAsync() : platform.NewParticipantAsync(1366, 768);

    private static string Pid() => Guid.NewGuid().ToString("N")[..24];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheChatFitsAndItsPressEnterHintShowsOnlyWhereThereIsAKeyboard(bool phone)
    {
        var slug = await platform.CreateStudyAsync();
        await using var participant = await NewAsync(platform, phone);
        await participant.ConsentAsync(slug, Pid());
        await participant.ClickAsync("Continue");
        await Expect(participant.MessageBox).ToBeVisibleAsync();

        var help = participant.Page.Locator("#chat-help");
        if (phone) await Expect(help).Not.ToContainTextAsync("Press Enter", new() { UseInnerText = true });
        else await Expect(help).ToContainTextAsync("Press Enter to send", new() { UseInnerText = true });
        await Layout.AssertNoSidewaysScrollAsync(participant.Page);
        await participant.ScreenshotAsync($"devices/chat-{(phone ? "phone" : "laptop")}");
        await Axe.AssertCleanAsync(participant.Page);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheSummarizationTaskStaysInsideTheWindow(bool phone)
    {
        var slug = await platform.CreateStudyAsync(c => c with
        {
            Stages = c.Stages.Where(s => s.Key != "marks").Select(s => s.Key == "chat"
                ? new StageConfig("summarize", StageKind.Task, "Summaries", Task: new TaskConfig(SummarizationTask.TaskKey,
                    Settings: new Dictionary<string, string> { ["documents"] = "1" }, Stimuli: "demo-summarization-news"))
                : s).ToList(),
        });
        await using var participant = await NewAsync(platform, phone);
        await participant.ConsentAsync(slug, Pid());
        await participant.ClickAsync("Continue");
        await Expect(participant.Page.Locator(".summarization")).ToBeVisibleAsync();

        await Layout.AssertNoSidewaysScrollAsync(participant.Page);
        // Inside the page's own column: as wide as the step heading's column at most.
        var (task, column) = (await participant.Page.Locator(".summarization").BoundingBoxAsync(), await participant.Heading.BoundingBoxAsync());
        Assert.True(task!.X >= column!.X - 1 && task.X + task.Width <= column.X + column.Width + 1,
            $"the task ({task.X:0}–{task.X + task.Width:0}) overruns the page column ({column.X:0}–{column.X + column.Width:0})");
        await participant.ScreenshotAsync($"devices/summarization-{(phone ? "phone" : "laptop")}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AStudyThatNeedsALaptopSaysSoBeforeConsentAndItsChoicesAreCards(bool phone)
    {
        var slug = await platform.CreateStudyAsync(c => c with
        {
            Recruitment = c.Recruitment with { NeedsLaptop = true },
            Stages = [.. c.Stages.Where(s => s.Kind is StageKind.Consent), new StageConfig("about", StageKind.Survey, "About you", Survey: new SurveyConfig(
                [new SurveyItem("device", SurveyItemKind.MultipleChoice, "What are you using?", Options: ["A laptop", "A desktop computer", "A tablet"])])),
                c.Stages[^1]],
        });
        await using var participant = await NewAsync(platform, phone);
        await participant.Page.GotoAsync($"s/{slug}?PROLIFIC_PID={Pid()}&STUDY_ID=s&SESSION_ID=x");

        await Expect(participant.Page.Locator("[data-landing=needs-laptop] h2")).ToHaveTextAsync("Please use a laptop or desktop computer");
        await Layout.AssertNoSidewaysScrollAsync(participant.Page);
        await participant.ScreenshotAsync($"devices/landing-needs-laptop-{(phone ? "phone" : "laptop")}");
        await Axe.AssertCleanAsync(participant.Page);

        await participant.ClickAsync("I agree");
        await participant.WaitUntilInteractiveAsync();
        await participant.ClickAsync("Continue"); // nothing chosen: the server asks for an answer
        var question = participant.Page.Locator("fieldset[data-item=device]");
        await Expect(question.Locator(".field-error")).ToBeVisibleAsync();
        await participant.ScreenshotAsync($"devices/choice-error-{(phone ? "phone" : "laptop")}");
        // A card: bordered and filled like the rating scales, each option a row of its own.
        Assert.NotEqual("0px", await question.EvaluateAsync<string>("e => getComputedStyle(e).borderTopWidth"));
        Assert.NotEqual("0px", await question.Locator(".option").First.EvaluateAsync<string>("e => getComputedStyle(e).borderTopWidth"));
        await question.Locator(".option", new() { HasText = "A laptop" }).ClickAsync();
        await Expect(question.Locator(".field-error")).ToHaveCountAsync(0); // the red box goes once it is answered
        await Expect(participant.Page.Locator(".error-summary")).ToHaveCountAsync(0);
        await participant.ScreenshotAsync($"devices/choice-answered-{(phone ? "phone" : "laptop")}");
        await Axe.AssertCleanAsync(participant.Page);
    }

    [Theory]
    [InlineData("question-answering", "demo-qa-general")]
    [InlineData("metaphor-writing", "demo-metaphor-seeds")]
    public async Task TheOtherTaskPagesFitAPhoneAndPassAxe(string taskType, string stimuli)
    {
        var slug = await platform.CreateStudyAsync(c => c with
        {
            Stages = [.. c.Stages.Where(s => s.Kind is StageKind.Consent), new StageConfig("task", StageKind.Task, "The task",
                Task: new TaskConfig(taskType, Stimuli: stimuli)), c.Stages[^1]],
        });
        await using var participant = await platform.NewPhoneParticipantAsync();
        await participant.ConsentAsync(slug, Pid());
        await Expect(participant.Heading).ToHaveTextAsync("The task");
        await Expect(participant.Page.Locator("main [role=status]:has-text('Loading')")).ToHaveCountAsync(0);

        await Layout.AssertNoSidewaysScrollAsync(participant.Page);
        foreach (var hint in await participant.Page.Locator(".keyboard-hint").AllAsync()) await Expect(hint).ToBeHiddenAsync();
        Assert.DoesNotContain("Press Enter", await participant.Page.Locator("main").InnerTextAsync());
        await participant.ScreenshotAsync($"devices/{taskType}-phone");
        await Axe.AssertCleanAsync(participant.Page);
    }
}
