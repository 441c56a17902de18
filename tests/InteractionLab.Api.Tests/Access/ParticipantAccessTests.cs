using System.Net;
using System.Net.Http.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Access;

/// <summary>
/// Who holds a participant's session (issue 13 items 6 and 8, issue 14 item 3): one cookie per study, a resume code for
/// another device, never recruitment ids alone; a finished session shows its code and way back, not its transcript;
/// a participant back in the same browser goes to their session, not the consent form.
/// </summary>
public sealed class ParticipantAccessTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Secret = "the name of my first pet";

    [Fact]
    public async Task TakingPartInASecondStudyInTheSameBrowserKeepsTheFirstSession()
    {
        var (first, firstId) = await platform.CreateAsync(c => c with { Title = "The first study" });
        var (second, secondId) = await platform.CreateAsync(c => c with { Title = "The second study" });
        using var browser = Browser();

        using var one = await ConsentInBrowserAsync(browser, first);
        using var two = await ConsentInBrowserAsync(browser, second);
        var backToFirst = await browser.GetStringAsync($"/s/{first}/session");
        using var firstLanding = await browser.GetAsync($"/s/{first}");

        Assert.Contains("The first study", backToFirst, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, firstLanding.StatusCode);
        Assert.Equal($"/s/{first}/session", firstLanding.Headers.Location!.PathAndQuery());
        await using var scope = platform.Scope(out var db);
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.StudyId == firstId));
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.StudyId == secondId));
    }

    [Fact]
    public async Task TheHubSpeaksForTheSessionThePageNamesWhenTheBrowserHoldsCookiesOfTwoStudies()
    {
        var (first, _) = await platform.CreateAsync();
        var (second, _) = await platform.CreateAsync();
        var a = await platform.Factory.ConsentAsync(first);
        var b = await platform.Factory.ConsentAsync(second);
        var both = $"{a.Cookie}; {b.Cookie}";

        await using var forA = platform.Factory.CreateHubConnection(both, a.SessionId);
        await using var forB = platform.Factory.CreateHubConnection(both, b.SessionId);
        await forA.StartAsync();
        await forB.StartAsync();

        Assert.Equal(a.SessionId, (await forA.InvokeAsync<SessionView>("GetSession")).SessionId);
        Assert.Equal(b.SessionId, (await forB.InvokeAsync<SessionView>("GetSession")).SessionId);
    }

    [Fact]
    public async Task ACookieWrittenBeforeCookiesWerePerStudyStillOpensItsSession()
    {
        var (slug, _) = await platform.CreateAsync();
        var participant = await platform.Factory.ConsentAsync(slug);
        // What the single shared cookie of earlier versions held: the session id under the old purpose.
        var old = platform.Factory.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("InteractionLab.ParticipantCookie.v1").Protect(participant.SessionId.ToString());
        var cookie = $"{ParticipantCookie.LegacyName}={Uri.EscapeDataString(old)}";

        var view = await ViewAsync(cookie);
        var page = await PageAsync($"/s/{slug}/session", cookie);

        Assert.Equal(participant.SessionId, view.SessionId);
        Assert.Contains("data-interactive", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResumeCodeContinuesTheSessionOnAnotherDevice()
    {
        var (slug, _) = await platform.CreateAsync();
        var phone = await platform.Factory.ConsentAsync(slug, prolificPid: "pidmoving");
        await SayAsync(phone.SessionId, Secret);

        // Typed on the laptop as people type: lower case, no dash.
        var laptop = await platform.Factory.ResumeAsync(slug, phone.ResumeCode!.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal));

        Assert.Equal(phone.SessionId, laptop.SessionId);
        Assert.Equal(phone.ResumeCode, laptop.ResumeCode);
        Assert.Equal($"/s/{slug}/session", laptop.Location);
        Assert.Contains((await ViewAsync(laptop.Cookie)).Turns, t => t.Text == Secret);
    }

    [Fact]
    public async Task AWrongResumeCodeOrAnotherStudysCodeOpensNothing()
    {
        var (slug, _) = await platform.CreateAsync();
        var (other, _) = await platform.CreateAsync();
        var elsewhere = await platform.Factory.ConsentAsync(other);

        using var wrong = await platform.Factory.PostResumeAsync(slug, "ABCDE-FGHJK");
        using var foreign = await platform.Factory.PostResumeAsync(slug, elsewhere.ResumeCode!);
        using var browser = await platform.Factory.PostResumeAsync(slug, "not a code", fromBrowser: true);

        foreach (var refused in new[] { wrong, foreign })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(ReturningParticipants.WrongCodeTitle, (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
            Assert.False(refused.Headers.Contains("Set-Cookie"));
        }
        Assert.Equal($"/s/{slug}/resume?error=wrong", browser.Headers.Location?.ToString());
        using var page = await platform.Factory.CreateBrowserClient().GetAsync(browser.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("does not match a session", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSessionPageShowsItsResumeCodeToWhoeverHoldsTheCookie()
    {
        var (slug, _) = await platform.CreateAsync();
        var participant = await platform.Factory.ConsentAsync(slug);

        var page = await PageAsync($"/s/{slug}/session", participant.Cookie);

        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", participant.ResumeCode);
        Assert.Matches($"data-resume-code-value[^>]*>{participant.ResumeCode}<", page);
        await using var scope = platform.Scope(out var db);
        var stored = await db.Sessions.Where(s => s.Id == participant.SessionId).Select(s => s.ResumeCodeHash).SingleAsync();
        Assert.Equal(ResumeCode.Hash(participant.ResumeCode), stored);
        Assert.DoesNotContain(participant.ResumeCode!.Replace("-", "", StringComparison.Ordinal), stored!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AfterCompletionTheCookieShowsTheCodeAndTheWayBackButNeverTheTranscript()
    {
        var (slug, _) = await ProlificStudyAsync();
        var participant = await platform.Factory.ConsentAsync(slug, prolificPid: "piddone");
        await SayAsync(participant.SessionId, Secret);
        await CompleteAsync(participant.SessionId, "DONE-4242");

        var page = await PageAsync($"/s/{slug}/session", participant.Cookie);
        var view = await ViewAsync(participant.Cookie);

        // What the page shows once its trace is confirmed saved (the browser tests show it on screen).
        Assert.Equal("DONE-4242", view.Completion?.Code);
        Assert.Equal("https://app.prolific.com/submissions/complete?cc=DONE-4242", view.Completion?.RedirectUrl);
        Assert.Empty(view.Turns);
        Assert.Null(view.PartialReply);
        Assert.DoesNotContain(Secret, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AParticipantBackInTheSameBrowserGoesToTheirSessionAndNeverSeesTheConsentFormAgain()
    {
        var (slug, _) = await ProlificStudyAsync();
        var participant = await platform.Factory.ConsentAsync(slug, prolificPid: "pidback");
        using var client = platform.Factory.CreateRawClient();

        using var during = await GetAsync(client, $"/s/{slug}?PROLIFIC_PID=pidback&STUDY_ID=study1&SESSION_ID=spidback", participant.Cookie);
        await CompleteAsync(participant.SessionId, "DONE-7");
        using var after = await GetAsync(client, $"/s/{slug}?PROLIFIC_PID=pidback&STUDY_ID=study1&SESSION_ID=spidback", participant.Cookie);

        foreach (var landing in new[] { during, after })
        {
            Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
            Assert.Equal($"/s/{slug}/session", landing.Headers.Location!.PathAndQuery());
        }
        Assert.Equal("DONE-7", (await ViewAsync(participant.Cookie)).Completion?.Code);
    }

    [Fact]
    public async Task AParticipantWhoCompletedAndLostTheirCookieGetsTheirCodeBackWithTheResumeCode()
    {
        var (slug, _) = await ProlificStudyAsync();
        var first = await platform.Factory.ConsentAsync(slug, prolificPid: "pidlost");
        await CompleteAsync(first.SessionId, "DONE-LOST");

        using var back = await platform.Factory.PostConsentAsync(slug, prolificPid: "pidlost", fromBrowser: true);
        var resumePage = await platform.Factory.CreateBrowserClient().GetStringAsync(back.Headers.Location!.ToString());
        var again = await platform.Factory.ResumeAsync(slug, first.ResumeCode!);

        Assert.Equal($"/s/{slug}/resume?reason=completed", back.Headers.Location!.ToString());
        Assert.Contains("see your completion code again", resumePage, StringComparison.Ordinal);
        Assert.Contains("name=\"code\"", resumePage, StringComparison.Ordinal);
        Assert.Equal(first.SessionId, again.SessionId);
        Assert.Equal("DONE-LOST", (await ViewAsync(again.Cookie)).Completion?.Code);
    }

    [Fact]
    public async Task AConsentPostedFromAnotherSiteIsRefusedAndRecordsNothing()
    {
        var (slug, studyId) = await platform.CreateAsync();
        using var client = platform.Factory.CreateRawClient();

        // What a page elsewhere can make a visitor's browser send: the form, without this site's token.
        using var api = await client.PostAsync($"/s/{slug}/consent", new FormUrlEncodedContent([new("consent", "true")]));
        using var page = new HttpRequestMessage(HttpMethod.Post, $"/s/{slug}/consent") { Content = new FormUrlEncodedContent([new("consent", "true")]) };
        page.Headers.Add("Accept", "text/html");
        using var browser = await client.SendAsync(page);

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal($"/s/{slug}?problem=form", browser.Headers.Location?.ToString());
        Assert.False(browser.Headers.Contains("Set-Cookie"));
        await using var scope = platform.Scope(out var db);
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.StudyId == studyId));
    }

    [Fact]
    public async Task ConsentsWhosePageNeverReportsInStopHoldingPlacesAfterTwoMinutes()
    {
        var (slug, studyId) = await platform.CreateAsync(c => c with
        {
            Conditions = [c.Conditions[0] with { Quota = 1 }, c.Conditions[1] with { Quota = 1 }],
        });
        var silent = await platform.Factory.ConsentAsync(slug);
        var active = await platform.Factory.ConsentAsync(slug);
        using (var full = await platform.Factory.PostConsentAsync(slug))
            Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        // Three minutes later: the active participant's page has sent events since, the silent one never did.
        await using (var scope = platform.Scope(out var db))
        {
            var then = DateTimeOffset.UtcNow.AddMinutes(-3);
            await db.Sessions.Where(s => s.Id == silent.SessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartedAt, then).SetProperty(s => s.LastSeenAt, then));
            await db.Sessions.Where(s => s.Id == active.SessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartedAt, then).SetProperty(s => s.LastSeenAt, DateTimeOffset.UtcNow));
        }

        var real = await platform.Factory.ConsentAsync(slug);

        await using var check = platform.Scope(out var after);
        var statuses = await after.Sessions.Where(s => s.StudyId == studyId).ToDictionaryAsync(s => s.Id, s => s.Status);
        Assert.Equal(SessionStatus.Abandoned, statuses[silent.SessionId]);
        Assert.Equal(SessionStatus.InProgress, statuses[active.SessionId]);
        Assert.Equal(SessionStatus.InProgress, statuses[real.SessionId]);
    }

    private HttpClient Browser()
    {
        var browser = platform.Factory.CreateBrowserClient();
        browser.DefaultRequestHeaders.Add("Accept", "text/html");
        return browser;
    }

    // Opens the study's page and presses "I agree", as a browser with cookies does.
    private static async Task<HttpResponseMessage> ConsentInBrowserAsync(HttpClient browser, string slug)
    {
        var response = await browser.PostFormAsync($"/s/{slug}", $"/s/{slug}/consent", [new("consent", "true")]);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response;
    }

    private async Task<SessionView> ViewAsync(string cookie)
    {
        await using var hub = platform.Factory.CreateHubConnection(cookie);
        await hub.StartAsync();
        return await hub.InvokeAsync<SessionView>("GetSession");
    }

    private async Task<string> PageAsync(string path, string cookie)
    {
        using var client = platform.Factory.CreateRawClient();
        using var response = await GetAsync(client, path, cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    private Task<(string Slug, Guid Id)> ProlificStudyAsync() => platform.CreateAsync(c => c with
    {
        Recruitment = new RecruitmentConfig("UNUSED", "https://app.prolific.com/submissions/complete", RecruitmentPlatform.Prolific),
    });

    // The end of the study as the service leaves it: at the debrief, completed, with the code issued.
    private async Task CompleteAsync(SessionId session, string code)
    {
        await using var scope = platform.Scope(out var db);
        var version = await db.Sessions.Where(s => s.Id == session).Select(s => s.StudyVersionId).SingleAsync();
        var stages = ConfigHash.Parse(await db.StudyVersions.Where(v => v.Id == version).Select(v => v.ConfigJson).SingleAsync()).Stages.Count;
        await db.Sessions.Where(s => s.Id == session).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, SessionStatus.Completed).SetProperty(s => s.CompletionCode, code)
            .SetProperty(s => s.CompletedAt, DateTimeOffset.UtcNow).SetProperty(s => s.StageIndex, stages - 1));
    }

    private async Task SayAsync(SessionId session, string text)
    {
        await using var scope = platform.Scope(out var db);
        db.Turns.Add(new Turn { SessionId = session, Index = 0, Role = TurnRole.Participant, Text = text, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }
}

/// <summary>Where a redirect points on this site, whether the header was written absolute or relative.</summary>
internal static class LocationPath
{
    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
