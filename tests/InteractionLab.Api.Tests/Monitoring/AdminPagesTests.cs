using System.Net;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;

namespace InteractionLab.Api.Tests.Monitoring;

/// <summary>The overview and session pages render in the real app (routing, layout, services, prerendered data).</summary>
public sealed class AdminPagesTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    [Fact]
    public async Task TheStudyOverviewAndASessionPageRenderWithTheirData()
    {
        var (slug, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open);
        var participant = await platform.Factory.ConsentAsync(slug, prolificPid: "5f0123456789abcdef777777");
        var client = await platform.ClientAsync("rita");
        client.DefaultRequestHeaders.Accept.Clear();

        var overview = await client.GetAsync($"/admin/studies/{id}");
        var overviewHtml = await overview.Content.ReadAsStringAsync();
        var session = await client.GetAsync($"/admin/studies/{id}/sessions/{participant.SessionId}");
        var sessionHtml = WebUtility.HtmlDecode(await session.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("Chatting with a chatbot", overviewHtml);
        Assert.Contains($"/admin/studies/{id}/sessions/{participant.SessionId}", overviewHtml);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Contains("Replay", sessionHtml);
        // The owner sees the Prolific id in full: they approve, reject and pay against it.
        Assert.Contains("5f0123456789abcdef777777", sessionHtml);
        // Both pages lead on to the study's other pages.
        Assert.Contains($"<a href=\"/admin/studies/{id}/simulate\"", overviewHtml);
        Assert.Contains($"<a href=\"/admin/studies/{id}\" aria-current=\"page\"", overviewHtml);
        Assert.Contains($"<a href=\"/admin/studies/{id}/edit\"", sessionHtml);
    }

    [Fact]
    public async Task AnotherResearchersStudyPageShowsNoData()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open);

        var html = await (await (await platform.ClientAsync("otto")).GetAsync($"/admin/studies/{id}")).Content.ReadAsStringAsync();

        Assert.Contains("Study not available", html);
        Assert.DoesNotContain("Chatting with a chatbot", html);
    }

    [Fact]
    public async Task AnotherResearchersSimulatePageSaysStudyNotFoundAndOffersNoForm()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Draft);
        var otto = await platform.ClientAsync("otto");
        otto.DefaultRequestHeaders.Accept.Clear();

        var foreign = await otto.GetAsync($"/admin/studies/{id}/simulate");
        var own = await (await platform.ClientAsync("rita")).GetStringAsync($"/admin/studies/{id}/simulate");
        var html = await foreign.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.Contains("Study not found", html);
        Assert.DoesNotContain("Start simulation", html);
        Assert.Contains("Start simulation", own);
    }
}
