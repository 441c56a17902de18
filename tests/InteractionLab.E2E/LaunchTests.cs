using System.Text.RegularExpressions;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.E2E.Infrastructure;
using InteractionLab.Inference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// What a lab does before launch day, in Chromium against the real server on PostgreSQL: an admin registers the lab's
/// own inference server (the real one, serving the demo models) on the Models page, a researcher picks it in the
/// builder, a model it does not serve stops the launch, the overview hands out launch-ready links, and the results page
/// hands out the raw data with the Prolific ids. Screenshots at 1366×768 and 390×844 go to the admin folder.
/// </summary>
public sealed class LaunchTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>, IAsyncLifetime
{
    private const string Password = "launch-e2e-password-1";
    private WebApplication? inference;
    private string inferenceUrl = "";

    private static string Unique(string stem) => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 9)];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        string models;
        await using (var scope = platform.Scope(out _))
            models = scope.ServiceProvider.GetRequiredService<IConfiguration>()["Inference:ModelsDirectory"]!;
        await InteractionLab.Inference.Demo.DemoModels.EnsureAsync(models);
        inference = InferenceServer.Build([], models, b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await inference.StartAsync();
        inferenceUrl = inference.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (inference is not null) await inference.DisposeAsync();
    }

    private async Task<AdminBrowser> SignedInAsync(string role, int width = 1366, int height = 768)
    {
        var name = Unique(role);
        await platform.CreateStaffAsync(name, role, Password);
        var browser = await platform.NewStaffBrowserAsync(width, height);
        await browser.SignInAsync(name, Password);
        return browser;
    }

    private async Task<(AdminBrowser Browser, string Name)> ResearcherAsync(int width = 1366, int height = 768)
    {
        var name = Unique("researcher");
        await platform.CreateStaffAsync(name, StaffRoles.Researcher, Password);
        var browser = await platform.NewStaffBrowserAsync(width, height);
        await browser.SignInAsync(name, Password);
        return (browser, name);
    }

    private async Task<Guid> IdOfAsync(string slug)
    {
        await using var scope = platform.Scope(out var db);
        return await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
    }

    private async Task<StudyStatus> StatusOfAsync(Guid id)
    {
        await using var scope = platform.Scope(out var db);
        return await db.Studies.Where(s => s.Id == id).Select(s => s.Status).SingleAsync();
    }

    [Fact]
    public async Task AnEndpointRegisteredOnTheModelsPageIsChosenInTheBuilderAndAModelItDoesNotServeCannotBeLaunched()
    {
        // The admin registers the lab's inference server; the form shows its real problems, never a placeholder.
        var endpoint = Unique("lab-gpu");
        await using (var admin = await SignedInAsync(StaffRoles.Admin))
        {
            await admin.Page.GotoAsync("admin/models");
            await admin.WaitUntilInteractiveAsync("button.btn");
            await admin.ClickAsync("Add an endpoint");
            await Expect(admin.Page.Locator(".endpoint-form")).ToBeVisibleAsync();
            await Expect(admin.Page.Locator("main")).Not.ToContainTextAsync("FormProblem");
            await Expect(admin.Page.Locator(".form-problem")).ToHaveCountAsync(0);
            await admin.Page.Locator("#ep-name").FillAsync(endpoint);
            await admin.Page.Locator("#ep-url").FillAsync(inferenceUrl);
            await admin.Page.Locator("#ep-models").FillAsync("demo-chat, gpt-4o");
            await admin.ScreenshotAsync("launch-01-models-add");
            await admin.ClickAsync("Save");
            var row = admin.Page.Locator("table.models tbody tr").Filter(new() { HasText = endpoint });
            await Expect(row).ToContainTextAsync("demo-chat");
            await Expect(row.Locator("[data-model='gpt-4o']")).ToHaveTextAsync("gpt-4o (not listed by the endpoint)");

            await admin.ClickAsync("Add an endpoint");
            await admin.Page.Locator("#ep-name").FillAsync(endpoint);
            await admin.Page.Locator("#ep-url").FillAsync(inferenceUrl);
            await admin.ClickAsync("Save");
            await Expect(admin.Page.Locator(".form-problem")).ToHaveTextAsync($"An endpoint named '{endpoint}' is already registered; edit that one or choose another name.");
            await admin.ScreenshotAsync("launch-02-models-duplicate");
            // A refusal names each field: the registry's message under it (marked invalid) and in the summary above.
            await admin.Page.Locator("#ep-name").FillAsync("Bad Name!");
            await admin.Page.Locator("#ep-url").FillAsync("ftp://x");
            await admin.ClickAsync("Save");
            await Expect(admin.Page.Locator("#ep-Name-error")).ToContainTextAsync("lower-case letters");
            await Expect(admin.Page.Locator("#ep-BaseUrl-error")).ToContainTextAsync("http:// or https://");
            await Expect(admin.Page.Locator("#ep-name")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(admin.Page.Locator(".error-summary li")).ToHaveCountAsync(2);
            await admin.ScreenshotAsync("launch-02c-models-field-errors");
            await admin.Page.SetViewportSizeAsync(390, 844);
            await admin.ScreenshotAsync("launch-02b-models-phone");
        }

        // A researcher's draft names gpt-4o on the in-process engine (which serves only the demo models).
        var (researcher, name) = await ResearcherAsync();
        await using var _ = researcher;
        var slug = await platform.CreateStudyAsync(c => c with
        {
            Conditions = [c.Conditions[0] with { Model = new ModelRef("local", "gpt-4o") }],
        }, owner: name, status: StudyStatus.Draft);
        var id = await IdOfAsync(slug);

        await researcher.Page.GotoAsync($"admin/studies/{id}");
        await researcher.WaitUntilInteractiveAsync(".lifecycle-buttons button");
        await researcher.ClickAsync("Launch");
        await researcher.ClickAsync("Yes, launch");
        await Expect(researcher.Page.Locator(".lifecycle-error")).ToContainTextAsync(
            "Condition 'warm': the endpoint 'local' does not serve the model 'gpt-4o' (it serves: ");
        Assert.Equal(StudyStatus.Draft, await StatusOfAsync(id));
        await researcher.ScreenshotAsync("launch-03-refused");

        // In the builder the condition says so too, and the registered endpoint is on offer with its models.
        await researcher.Page.GotoAsync($"admin/studies/{id}/edit");
        await researcher.WaitUntilInteractiveAsync("#tab-conditions");
        await researcher.Page.Locator("#tab-conditions").ClickAsync();
        await Expect(researcher.Page.Locator("#cond0-model-check")).ToContainTextAsync("✗ Cannot be launched: the endpoint 'local' does not serve the model 'gpt-4o'");
        await Expect(researcher.Page.Locator("#cond0-endpoint optgroup[label='Registered (Models page)'] option").Filter(new() { HasText = endpoint })).ToHaveCountAsync(1);
        await researcher.ScreenshotAsync("launch-04-builder-unserved");
        await researcher.SelectAsync("#cond0-endpoint", endpoint);
        await Expect(researcher.Page.Locator("#cond0-model")).ToHaveValueAsync("demo-chat");
        await Expect(researcher.Page.Locator("#cond0-model-check")).ToHaveTextAsync($"✓ {endpoint} serves demo-chat.");
        await researcher.Page.SetViewportSizeAsync(390, 844);
        await researcher.ScreenshotAsync("launch-04b-builder-conditions-phone");
        Assert.Empty(await LayoutChecks.CutOffSelectsAsync(researcher.Page));
        await researcher.Page.SetViewportSizeAsync(1366, 768);
        await researcher.Page.Locator("button.save").ClickAsync();
        await Expect(researcher.Page.Locator("[data-save-status]")).ToContainTextAsync("Saved");

        await researcher.Page.GotoAsync($"admin/studies/{id}");
        await researcher.WaitUntilInteractiveAsync(".lifecycle-buttons button");
        await researcher.ClickAsync("Launch");
        await researcher.ClickAsync("Yes, launch");
        await Expect(researcher.Page.Locator(".study-meta .status")).ToHaveTextAsync("Open");
        Assert.Equal(StudyStatus.Open, await StatusOfAsync(id));
    }

    [Theory]
    [InlineData(1366, 768, "laptop")]
    [InlineData(390, 844, "phone")]
    public async Task TheBuilderIsAnOutlineUnderABarThatKeepsTheSaveStatusInViewAndNoSelectIsCutOff(int width, int height, string size)
    {
        var (researcher, name) = await ResearcherAsync(width, height);
        await using var _ = researcher;
        var slug = await platform.CreateStudyAsync(owner: name, status: StudyStatus.Draft);
        var id = await IdOfAsync(slug);
        await researcher.Page.GotoAsync($"admin/studies/{id}/edit");
        await researcher.WaitUntilInteractiveAsync(".add-stage");

        // Every task type from its catalog template: the task with its demo stimuli and its questionnaire.
        var types = await researcher.Page.Locator("#new-stage-kind optgroup option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.True(types.Length >= 5, string.Join(", ", types));
        foreach (var type in types)
        {
            await researcher.SelectAsync("#new-stage-kind", type);
            await researcher.ClickAsync("Add stage");
            await Expect(researcher.Page.Locator($"li.stage.open[data-stage='{type["task:".Length..]}']")).ToHaveCountAsync(1);
            await researcher.Page.Locator($"li.stage[data-stage='{type["task:".Length..]}'] button.toggle").ClickAsync();
        }
        await Expect(researcher.Page.Locator("li.stage.open")).ToHaveCountAsync(0);
        var stages = await researcher.Page.Locator("li.stage").CountAsync();
        await Expect(researcher.Page.Locator("#tab-stages .tab-count")).ToHaveTextAsync(stages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(stages >= 6 + types.Length, $"{stages} stages");

        var pageHeight = await LayoutChecks.PageHeightAsync(researcher.Page);
        await researcher.ScreenshotAsync($"builder-{size}-outline");
        Assert.True(pageHeight <= (width > 1000 ? 2600 : 4200), $"the outline of {stages} stages is {pageHeight} px tall at {width}×{height}");

        // The QA stage: one clearly labelled prompt and the exact prompt the model gets.
        await researcher.Page.Locator("li.stage[data-stage='question-answering'] button.toggle").ClickAsync();
        var qa = researcher.Page.Locator("li.stage[data-stage='question-answering']");
        await Expect(qa.GetByLabel("Prompt the model sees")).ToBeVisibleAsync();
        await Expect(qa.Locator("[data-prompt-preview] pre")).ToHaveTextAsync("Is Mercury closer than Venus?");
        await researcher.ScreenshotAsync($"builder-{size}-qa-stage");

        // Every select fits, whichever section is open.
        await researcher.ClickAsync("Open all");
        Assert.Empty(await LayoutChecks.CutOffSelectsAsync(researcher.Page));
        foreach (var tab in new[] { "#tab-conditions", "#tab-recruitment" })
        {
            await researcher.Page.Locator(tab).ClickAsync();
            Assert.Empty(await LayoutChecks.CutOffSelectsAsync(researcher.Page));
            await researcher.ScreenshotAsync($"builder-{size}-{tab[5..]}");
        }

        // At the bottom of the longest section the save button and its status are on screen.
        await researcher.Page.Locator("#tab-stages").ClickAsync();
        await researcher.Page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        await Expect(researcher.Page.Locator("button.save")).ToBeInViewportAsync();
        await researcher.Page.Locator("button.save").ClickAsync();
        var status = researcher.Page.Locator("[data-save-status]");
        await Expect(status).ToContainTextAsync("Saved");
        await Expect(status).ToBeInViewportAsync();
        await researcher.ScreenshotAsync($"builder-{size}-saved-at-bottom");
        Assert.Equal(width, await LayoutChecks.PageWidthAsync(researcher.Page)); // nothing sticks out sideways
        await using var scope = platform.Scope(out var db);
        var saved = ConfigHash.Parse(await db.StudyVersions.Where(v => v.StudyId == id).Select(v => v.ConfigJson).SingleAsync());
        Assert.Equal(types.Select(t => t["task:".Length..]).Order(), saved.Stages.Where(s => s.Task is not null).Select(s => s.Task!.Type).Distinct().Order());
    }

    [Theory]
    [InlineData(1366, 768, "laptop")]
    [InlineData(390, 844, "phone")]
    public async Task TheOverviewHandsOutTheAbsoluteProlificStudyUrlThatCopiesWithOneClick(int width, int height, string size)
    {
        var (researcher, name) = await ResearcherAsync(width, height);
        await using var _ = researcher;
        var slug = await platform.CreateStudyAsync(owner: name);
        var id = await IdOfAsync(slug);
        await researcher.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);

        await researcher.Page.GotoAsync($"admin/studies/{id}");
        await researcher.WaitUntilInteractiveAsync("[data-link=prolific] button");

        var expected = $"{platform.Address}s/{slug}?PROLIFIC_PID={{{{%PROLIFIC_PID%}}}}&STUDY_ID={{{{%STUDY_ID%}}}}&SESSION_ID={{{{%SESSION_ID%}}}}";
        await Expect(researcher.Page.Locator("#link-prolific")).ToHaveValueAsync(expected);
        await Expect(researcher.Page.Locator("#link-plain")).ToHaveValueAsync($"{platform.Address}s/{slug}");
        await researcher.Page.Locator("[data-link=prolific] button").ClickAsync();
        await Expect(researcher.Page.Locator(".study-links [role=status]")).ToHaveTextAsync("Study URL for Prolific copied.");
        Assert.Equal(expected, await researcher.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await researcher.ScreenshotAsync($"overview-{size}-links");
        Assert.Equal(width, await LayoutChecks.PageWidthAsync(researcher.Page));
    }

    [Fact]
    public async Task TheOwnerDownloadsRawDataWithTheProlificIdsFromTheResultsPageAndSeesThemOnTheSessionPage()
    {
        var (researcher, name) = await ResearcherAsync();
        await using var _ = researcher;
        var slug = await platform.CreateStudyAsync(owner: name);
        var id = await IdOfAsync(slug);
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using (var participant = await platform.NewParticipantAsync())
            await participant.ConsentAsync(slug, pid);

        await researcher.Page.GotoAsync($"admin/studies/{id}/results");
        await Expect(researcher.Page.Locator("#raw-heading")).ToHaveTextAsync("Raw data");
        await Expect(researcher.Page.Locator(".masked-note")).ToHaveCountAsync(0);
        var csv = await researcher.Page.RunAndWaitForDownloadAsync(() =>
            researcher.Page.Locator("tr[data-export=recruitment] a").ClickAsync());
        var csvText = await File.ReadAllTextAsync((await csv.PathAsync())!);
        Assert.Equal($"{slug}-recruitment.csv", csv.SuggestedFilename);
        Assert.StartsWith("platform,participant_id,platform_study_id,submission_id,", csvText);
        Assert.Contains($"prolific,{pid},study-e2e,prolific-session-1,", csvText);
        var sessions = await researcher.Page.RunAndWaitForDownloadAsync(() =>
            researcher.Page.GetByRole(AriaRole.Link, new() { Name = "JSON Lines of sessions" }).ClickAsync());
        Assert.Contains($"\"participantId\":\"{pid}\"", await File.ReadAllTextAsync((await sessions.PathAsync())!));
        await researcher.ScreenshotAsync("results-laptop-raw-data");
        await researcher.Page.SetViewportSizeAsync(390, 844);
        await researcher.ScreenshotAsync("results-phone-raw-data");
        await researcher.Page.SetViewportSizeAsync(1366, 768);

        Guid session;
        await using (platform.Scope(out var db))
            session = (await db.Sessions.SingleAsync(s => s.StudyId == id)).Id.Value;
        await researcher.Page.GotoAsync($"admin/studies/{id}/sessions/{session}");
        await Expect(researcher.Page.Locator("[data-meta=external]")).ToHaveTextAsync($"{pid} (submission prolific-session-1)");
        await researcher.ScreenshotAsync("session-laptop-prolific-id");

        // Keys get names, so the researcher knows later which one to revoke.
        await researcher.Page.GotoAsync($"admin/studies/{id}/api-keys");
        await researcher.WaitUntilInteractiveAsync("#key-name");
        await researcher.Page.Locator("#key-name").FillAsync("nightly R pull");
        await researcher.ClickAsync("Create an export key");
        await Expect(researcher.Page.Locator("code.secret")).ToHaveTextAsync(new Regex("^il_"));
        await Expect(researcher.Page.Locator("tbody th[scope=row]")).ToContainTextAsync("nightly R pull");
        await researcher.ScreenshotAsync("api-keys-laptop-named");
        await researcher.Page.SetViewportSizeAsync(390, 844);
        await researcher.ScreenshotAsync("api-keys-phone-named");
        Assert.Equal(390, await LayoutChecks.PageWidthAsync(researcher.Page)); // the keys table scrolls inside its card
    }
}
