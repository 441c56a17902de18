using InteractionLab.Api.Replies;
using InteractionLab.Domain.Dialogue;
using InteractionLab.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>A deploy while the chatbot replies: the real server is stopped gracefully mid-reply and started again.</summary>
public sealed class InterruptedReplyTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    [Fact]
    public async Task AfterARestartMidReplyTheParticipantSeesTheReplyMarkedAsCutOffAndCanSendTheirMessageAgain()
    {
        var slug = await platform.CreateStudyAsync();
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync(1366, 768);
        await participant.ConsentAsync(slug, pid);
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Chat");
        var held = platform.Hold.HoldNextReplyAfter(3);
        await participant.TypeAndSendAsync("Tell me about your weekend");
        var partial = await held;

        await platform.RestartAsync();
        await participant.Page.GotoAsync(new Uri(platform.Address, $"s/{slug}/session").ToString());
        await participant.WaitUntilInteractiveAsync();

        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        var cut = Assert.Single(await platform.TurnsOfAsync(session.Id), t => t.Role == TurnRole.Model);
        Assert.Equal(ReplyStore.Interrupted, cut.FinishReason);
        Assert.StartsWith(cut.Text, partial.TrimStart());
        await Expect(participant.OwnMessages).ToHaveTextAsync(["Tell me about your weekend"]);
        await Expect(participant.ModelReplies).ToHaveTextAsync([ParticipantBrowser.Normalise(cut.Text)]);
        await Expect(participant.Page.Locator(".message .lost")).ToHaveTextAsync("This reply was cut off before it finished.");
        await Expect(participant.Page.GetByRole(AriaRole.Button, new() { Name = "Send again" })).ToBeEnabledAsync();
        await participant.ScreenshotBothSizesAsync("interrupted-1-after-restart");

        await participant.ClickAsync("Send again");
        await participant.WaitForRepliesAsync(2);
        await Expect(participant.OwnMessages).ToHaveTextAsync(["Tell me about your weekend", "Tell me about your weekend"]);
        await Expect(participant.Page.GetByRole(AriaRole.Button, new() { Name = "Send again" })).ToHaveCountAsync(0);
        await participant.ScreenshotBothSizesAsync("interrupted-2-sent-again");
    }
}
