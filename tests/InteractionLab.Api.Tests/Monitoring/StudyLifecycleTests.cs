using System.Net;
using System.Net.Http.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Monitoring;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Monitoring;

/// <summary>Launch, pause, resume and close over REST and the service, on real PostgreSQL.</summary>
public sealed class StudyLifecycleTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private async Task<StudyStatus> StatusAsync(Guid id)
    {
        await using var scope = platform.Scope(out var db);
        return await db.Studies.Where(s => s.Id == id).Select(s => s.Status).SingleAsync();
    }

    private async Task<List<AuditEntry>> AuditAsync(Guid id)
    {
        await using var scope = platform.Scope(out var db);
        return await db.AuditEntries.Where(a => a.StudyId == id).OrderBy(a => a.Id).ToListAsync();
    }

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
    }

    [Fact]
    public async Task TheStudyWalksThroughItsStatusesAndEveryStepIsAudited()
    {
        var (slug, id) = await platform.CreateStudyAsync("rita", StudyStatus.Draft);
        var client = await platform.ClientAsync("rita");

        foreach (var (action, expected) in new[] { ("launch", StudyStatus.Open), ("pause", StudyStatus.Paused), ("resume", StudyStatus.Open), ("close", StudyStatus.Closed) })
        {
            var response = await client.PostAsync($"/api/v1/admin/studies/{id}/{action}", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var view = await response.Content.ReadFromJsonAsync<StudyStatusView>();
            Assert.Equal(expected, view!.Status);
            Assert.Equal(expected, await StatusAsync(id));
        }

        var audit = await AuditAsync(id);
        Assert.Equal(["study.launch", "study.pause", "study.resume", "study.close"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("rita", a.Actor));
        Assert.All(audit, a => Assert.Equal(slug, a.Target));
        Assert.Equal("Draft → Open (version 1)", audit[0].Detail);
    }

    [Fact]
    public async Task ImpossibleTransitionsAreRefusedWith409AndChangeNothing()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Draft);
        var client = await platform.ClientAsync("rita");

        var pauseDraft = await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{id}/pause", null), HttpStatusCode.Conflict);
        var closeDraft = await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{id}/close", null), HttpStatusCode.Conflict);
        var resumeDraft = await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{id}/resume", null), HttpStatusCode.Conflict);
        Assert.Contains("only an open study can be paused", pauseDraft.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("never been launched", closeDraft.Detail);
        Assert.Contains("this one is draft", resumeDraft.Detail);
        Assert.Equal(StudyStatus.Draft, await StatusAsync(id));
        Assert.Empty(await AuditAsync(id));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/admin/studies/{id}/launch", null)).StatusCode);
        var again = await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{id}/launch", null), HttpStatusCode.Conflict);
        Assert.Contains("this one is open", again.Detail);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/admin/studies/{id}/close", null)).StatusCode);
        var reopen = await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{id}/resume", null), HttpStatusCode.Conflict);
        var closeTwice = await ProblemAsync(await client.PostAsync($"/api/v1/admin/studies/{id}/close", null), HttpStatusCode.Conflict);
        Assert.Contains("closed already", closeTwice.Detail);
        Assert.Contains("this one is closed", reopen.Detail);
        Assert.Equal(StudyStatus.Closed, await StatusAsync(id));
        Assert.Equal(["study.launch", "study.close"], (await AuditAsync(id)).Select(a => a.Action));
    }

    [Fact]
    public async Task LaunchValidatesTheLatestVersionAndListsItsProblems()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Draft);
        await using (var scope = platform.Scope(out var db))
        {
            // Version 2 was saved broken (no conditions); launch must look at it, not at the valid version 1.
            var broken = Seeding.DemoStudy.Config() with { Conditions = [] };
            db.StudyVersions.Add(new StudyVersion
            {
                StudyId = id, Number = 2, ConfigJson = ConfigHash.Canonical(broken), ConfigHash = ConfigHash.Compute(broken), CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var problem = await ProblemAsync(await (await platform.ClientAsync("rita")).PostAsync($"/api/v1/admin/studies/{id}/launch", null), HttpStatusCode.Conflict);

        Assert.Equal("Study cannot be launched", problem.Title);
        Assert.Contains("Version 2", problem.Detail);
        Assert.True(problem.Extensions.ContainsKey("errors"), "the validator's problems are listed");
        Assert.Equal(StudyStatus.Draft, await StatusAsync(id));
        Assert.Empty(await AuditAsync(id));
    }

    [Fact]
    public async Task OnlyTheOwnerOrAnAdminMayChangeAStudy()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Draft);

        var foreign = await (await platform.ClientAsync("otto")).PostAsync($"/api/v1/admin/studies/{id}/launch", null);
        var annotator = await (await platform.ClientAsync("anna", StaffRoles.Annotator)).PostAsync($"/api/v1/admin/studies/{id}/launch", null);
        var anonymous = await (await platform.ClientAsync(null)).PostAsync($"/api/v1/admin/studies/{id}/launch", null);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, annotator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(StudyStatus.Draft, await StatusAsync(id));

        var admin = await (await platform.ClientAsync("ada", StaffRoles.Admin)).PostAsync($"/api/v1/admin/studies/{id}/launch", null);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("ada", (await AuditAsync(id)).Single().Actor);
    }

    [Fact]
    public async Task APausedStudyRefusesNewConsentsWhileSessionsInProgressFinish()
    {
        var (slug, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open);
        var early = await platform.Factory.ConsentAsync(slug);
        await using (var scope = platform.Scope(out _))
            await scope.ServiceProvider.GetRequiredService<StudyLifecycleService>().PauseAsync(StaffPlatform.User("rita"), id);

        var late = await platform.Factory.PostConsentAsync(slug);
        var problem = await ProblemAsync(late, HttpStatusCode.Conflict);
        Assert.Contains("paused", problem.Detail);
        await using (var scope = platform.Scope(out _))
        {
            var landing = await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().GetLandingAsync(slug);
            Assert.Equal(StudyStatus.Paused, landing.Status);
        }

        await using var hub = platform.Factory.CreateHubConnection(early.Cookie);
        await hub.StartAsync();
        var next = await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        Assert.Equal(2, next.StageIndex);

        await using (var scope = platform.Scope(out _))
            await scope.ServiceProvider.GetRequiredService<StudyLifecycleService>().CloseAsync(StaffPlatform.User("rita"), id);
        var closed = await ProblemAsync(await platform.Factory.PostConsentAsync(slug), HttpStatusCode.Conflict);
        Assert.Contains("closed", closed.Detail);
        Assert.Equal(2, (await hub.InvokeAsync<SessionView>("GetSession")).StageIndex);
    }
}
