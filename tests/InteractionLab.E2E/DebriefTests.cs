using System.Diagnostics;
using InteractionLab.Domain.Studies;
using InteractionLab.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// The end of a study as a participant sees it, in Chromium on a laptop (1366×768) and a phone (390×844): the debrief
/// is read, the code is shown, the way back to Prolific is a button, and an automatic return happens only when the
/// study asks for it, after an announced countdown — and never for someone who did not come from Prolific.
/// </summary>
public sealed class DebriefTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string ProlificReturn = "https://app.prolific.com/submissions/complete?cc=DEMO-C0MPL3TE";
    private const string DebriefText = "The chatbot was a small language model";

    // Consent → instructions → debrief: the shortest way to the end; the study returns Prolific participants by itself.
    private static Func<StudyConfig, StudyConfig> ShortStudy(int autoReturnSeconds) => c => c with
    {
        Stages = c.Stages.Where(s => s.Kind is StageKind.Consent or StageKind.Instructions or StageKind.Debrief).ToList(),
        Recruitment = c.Recruitment with { AutoRedirectSeconds = autoReturnSeconds },
    };

    private static string NewProlificPid() => Guid.NewGuid().ToString("N")[..24];

    [Theory]
    [InlineData(1366, 768, "laptop")]
    [InlineData(390, 844, "phone")]
    public async Task AProlificParticipantReadsTheDebriefAndIsReturnedOnlyAfterAnAnnouncedCountdown(int width, int height, string size)
    {
        var slug = await platform.CreateStudyAsync(ShortStudy(5));
        await using var participant = await platform.NewParticipantAsync(width, height);
        await participant.ConsentAsync(slug, NewProlificPid());
        await participant.ClickAsync("Continue");

        await participant.WaitForStageAsync("Thank you!");
        var notice = participant.Page.Locator("[data-auto-return]");
        await Expect(notice).ToBeVisibleAsync();
        var clock = Stopwatch.StartNew();
        await Expect(notice.Locator("[role=timer]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-5]$"));
        await participant.ScreenshotAsync($"debrief-{size}-countdown");
        Assert.Equal(width, await LayoutChecks.PageWidthAsync(participant.Page));
        await Expect(participant.Page.Locator(".debrief")).ToContainTextAsync(DebriefText);
        await Expect(participant.Page.Locator("[data-completion-code]")).ToHaveTextAsync("DEMO-C0MPL3TE");
        await Expect(participant.Page.GetByRole(AriaRole.Link, new() { Name = "Return to Prolific" })).ToHaveAttributeAsync("href", ProlificReturn);
        await Expect(notice).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(notice).ToContainTextAsync("Returning you to Prolific automatically in");

        await participant.Page.WaitForURLAsync(ProlificReturn);
        // The page stayed for the countdown (5 s from when the data was saved), not ~0.1 s as before.
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(2.5), $"returned after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData(1366, 768, "laptop")]
    [InlineData(390, 844, "phone")]
    public async Task AParticipantWhoCameWithoutProlificIdsGetsTheCodeAndNoWayToProlific(int width, int height, string size)
    {
        var slug = await platform.CreateStudyAsync(ShortStudy(3));
        await using var participant = await platform.NewParticipantAsync(width, height);
        await participant.Page.GotoAsync($"s/{slug}");
        await participant.ClickAsync("I agree");
        await participant.WaitUntilInteractiveAsync();
        await participant.ClickAsync("Continue");

        await participant.WaitForStageAsync("Thank you!");
        await Expect(participant.Page.Locator("[data-completion-code]")).ToHaveTextAsync("DEMO-C0MPL3TE");
        await Expect(participant.Page.Locator(".debrief")).ToContainTextAsync("Copy the code above into the study platform");
        await Expect(participant.Page.GetByRole(AriaRole.Link, new() { Name = "Return to Prolific" })).ToHaveCountAsync(0);
        await Expect(participant.Page.Locator("[data-auto-return]")).ToHaveCountAsync(0);
        Assert.StartsWith(platform.Address.ToString(), participant.Page.Url);
        await participant.ScreenshotAsync($"debrief-{size}-open-link");
        Assert.Equal(width, await LayoutChecks.PageWidthAsync(participant.Page));
    }

    [Fact]
    public async Task AParticipantWhoChoosesToStayKeepsTheDebriefAndGoesBackWithTheButton()
    {
        var slug = await platform.CreateStudyAsync(ShortStudy(60));
        await using var participant = await platform.NewParticipantAsync(1366, 768);
        await participant.ConsentAsync(slug, NewProlificPid());
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Thank you!");

        await participant.ClickAsync("Stay on this page");

        await Expect(participant.Page.Locator("[role=timer]")).ToHaveCountAsync(0);
        await Expect(participant.Page.Locator(".debrief")).ToContainTextAsync("You stay on this page");
        await participant.ScreenshotAsync("debrief-laptop-stayed");
        await participant.Page.GetByRole(AriaRole.Link, new() { Name = "Return to Prolific" }).ClickAsync();
        await participant.Page.WaitForURLAsync(ProlificReturn);
    }
}
