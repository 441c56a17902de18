using InteractionLab.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>More participants at once than the model takes: the one who waits is told so, then answered.</summary>
public sealed class BusyModelTests(BusyModelPlatform platform) : IClassFixture<BusyModelPlatform>
{
    private async Task<ParticipantBrowser> AtChatAsync(string slug)
    {
        var participant = await platform.NewParticipantAsync(1366, 768);
        await participant.ConsentAsync(slug, Guid.NewGuid().ToString("N")[..24]);
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Chat");
        return participant;
    }

    [Fact]
    public async Task AParticipantWhoseMessageWaitsForTheBusyModelIsToldItIsQueuedAndThenGetsTheReply()
    {
        var slug = await platform.CreateStudyAsync();
        await using var first = await AtChatAsync(slug);
        await using var second = await AtChatAsync(slug);
        var held = platform.Hold.HoldNextReplyAfter(2);
        await first.TypeAndSendAsync("Hello, anyone there?");
        await held; // the model's only place is taken

        await second.TypeAndSendAsync("Hi! Can we talk?");
        await Expect(second.Page.Locator("[data-streaming] .queued"))
            .ToHaveTextAsync("Chatbot is busy right now. Your message is queued and will be answered shortly.");
        await second.ScreenshotBothSizesAsync("busy-1-message-queued");
        platform.Hold.Release();

        await first.WaitForRepliesAsync(1);
        await second.WaitForRepliesAsync(1);
        await Expect(second.Page.Locator(".queued")).ToHaveCountAsync(0);
        await second.ScreenshotBothSizesAsync("busy-2-answered");
    }
}
