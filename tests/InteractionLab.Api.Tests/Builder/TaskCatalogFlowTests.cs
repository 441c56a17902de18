using InteractionLab.Api.Sessions;
using InteractionLab.Api.Simulation;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Studies;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Api.Tests.Registry;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using InteractionLab.Api.Tests.Infrastructure;

namespace InteractionLab.Api.Tests.Builder;

/// <summary>
/// The catalog in the running platform: dialogue scenarios from a stimulus set, the builder's checks against real
/// sets, task questionnaires as instruments, and simulated participants getting through a task type they cannot work.
/// </summary>
public sealed class TaskCatalogFlowTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly System.Security.Claims.ClaimsPrincipal Alice = PlatformFixture.User("alice", StaffRoles.Researcher);

    private static StudyConfig DialogueFromSet(string set) => Seeding.DemoStudy.Config() is var c
        ? c with { Stages = c.Stages.Select(s => s.Task is { } t ? s with { Task = t with { Scenarios = null, Stimuli = set } } : s).ToList() }
        : c;

    private async Task<T> WithAsync<TService, T>(IServiceProvider services, Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static async Task OpenAsync(IServiceProvider services, Guid studyId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PlatformDbContext>();
        await db.Studies.Where(s => s.Id == studyId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, StudyStatus.Open));
    }

    [Fact]
    public async Task ADialogueStageNamingASetGivesEachParticipantAScenarioFromIt()
    {
        var services = platform.Factory.Services;
        var slug = "cat-" + Guid.NewGuid().ToString("N")[..10];
        var created = await WithAsync<StudyBuilderService, EditableStudy>(services, b => b.CreateAsync(Alice, slug, DialogueFromSet("demo-dialogue-scenarios")));
        await OpenAsync(services, created.Id);
        var demo = await WithAsync<StimulusStore, StimulusSetContent?>(services, s => s.GetAsync("demo-dialogue-scenarios"));
        var scenarios = demo!.ItemsAs<DialogueScenario>().Select(s => s.Scenario).ToList();

        var participant = await platform.Factory.ConsentAsync(slug);
        var view = await WithAsync<ParticipantSessionService, SessionView>(services, s => s.GetSessionAsync(participant.SessionId));

        Assert.Equal(6, scenarios.Count);
        Assert.Contains(view.Scenario, scenarios);
    }

    [Fact]
    public async Task TheBuilderRefusesASetThatDoesNotExistAndSavesNothing()
    {
        var services = platform.Factory.Services;
        var slug = "cat-" + Guid.NewGuid().ToString("N")[..10];

        var e = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            WithAsync<StudyBuilderService, EditableStudy>(services, b => b.CreateAsync(Alice, slug, DialogueFromSet("gone-abc123"))));

        Assert.Equal(400, e.Status);
        var chat = DialogueFromSet("x").Stages.ToList().FindIndex(s => s.Kind == StageKind.Task);
        Assert.Contains("there is no stimulus set 'gone-abc123'", Assert.Single(e.Errors[$"stages[{chat}].task.stimuli"]));
        await using var scope = platform.Scope(out var db);
        Assert.False(await db.Studies.AnyAsync(s => s.Slug == slug));
    }

    [Fact]
    public async Task EveryTaskTypesQuestionnaireIsABuiltInInstrumentThatCannotBeChanged()
    {
        var services = platform.Factory.Services;

        var instruments = await WithAsync<SurveyInstrumentService, IReadOnlyList<InstrumentView>>(services, s => s.ListAsync());

        var task = Assert.Single(instruments, i => i.Key == "task-social-dialogue");
        Assert.Equal(new InteractionLab.Api.Tasks.SocialDialogue.SocialDialogueTask().DefaultSurvey!.Items.Select(i => i.Key), task.Survey.Items.Select(i => i.Key));
        Assert.Equal("task-social-dialogue", task.Survey.InstrumentKey);
        var refused = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            WithAsync<SurveyInstrumentService, bool>(services, async s => { await s.DeleteAsync(PlatformFixture.User("root", StaffRoles.Admin), task.Id); return true; }));
        Assert.Equal(403, refused.Status);
        var taken = await Assert.ThrowsAsync<PlatformProblemException>(() => WithAsync<SurveyInstrumentService, InstrumentView>(services,
            s => s.CreateAsync(Alice, new InstrumentDraft("task-mine", "Mine", "", new SurveyConfig([new SurveyItem("q", SurveyItemKind.FreeText, "Q?")])))));
        Assert.Contains("kept for the task types", Assert.Single(taken.Errors["key"]));
    }

    [Fact]
    public async Task ASimulatedParticipantGetsThroughATaskTypeItCannotWorkAndTheSkipIsRecorded()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // The platform with one more task type (the tests' own), as a plug-in would add it. On a database of its own:
        // any instance on a database may run its jobs, and only this one knows the probe type.
        await using var host = new PlatformFactory(database.ConnectionString);
        await using var factory = host.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ITaskType>(new ProbeTask())));
        var services = factory.Services;
        var slug = "cat-" + Guid.NewGuid().ToString("N")[..10];
        var config = Seeding.DemoStudy.Config() is var c
            ? c with { Stages = c.Stages.Select(s => s.Kind == StageKind.Task ? s with { Key = "probe", Task = new TaskConfig(ProbeTask.TypeKey, Stimuli: "demo-probe-items") } : s)
                .Where(s => s.Survey?.Items.Any(i => i.Kind == SurveyItemKind.TurnMark) != true).ToList() }
            : c;
        var created = await WithAsync<StudyBuilderService, EditableStudy>(services, b => b.CreateAsync(Alice, slug, config));
        await OpenAsync(services, created.Id);

        var runs = services.GetRequiredService<SimulationRuns>();
        var run = await runs.StartAsync(StaffMember.Researcher("alice"), new SimulationRequest(created.Id, 1, new ModelRef("local", "demo-chat"), SimulationRequest.DefaultPersonas));
        var result = await runs.EndedAsync(run.Id, TimeSpan.FromMinutes(2));

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
        Assert.Equal(1, result.Completed);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PlatformDbContext>();
        var session = await db.Sessions.SingleAsync(s => s.StudyId == created.Id);
        Assert.Equal((SessionStatus.Completed, true), (session.Status, session.IsSimulated));
        var skipped = await db.TraceEvents.SingleAsync(e => e.SessionId == session.Id && e.Type == SimulatedParticipant.SkippedEvent);
        Assert.Contains("Answer at least one item first.", skipped.Payload);
        Assert.True(await db.SurveyResponses.AnyAsync(r => r.SessionId == session.Id && r.StageKey == "rating"));
    }
}
