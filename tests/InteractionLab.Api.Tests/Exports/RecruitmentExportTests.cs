using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Exports;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Surveys;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Exports;

/// <summary>
/// Who gets Prolific/MTurk ids out of the platform, on real PostgreSQL: the researcher who manages the study (staff
/// cookie) and the study's API keys in full, a view-only share masked, annotators and strangers nothing — in the
/// sessions export and in the Prolific/MTurk CSV.
/// </summary>
public sealed class RecruitmentExportTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private sealed record Study(Guid Id, string Slug, string Owner, string CompletedPid, string OpenPid, ConsentedParticipant Completed, ConsentedParticipant Open);

    // Two Prolific participants (one completes with one failed attention check, one is still in progress) and one who
    // opened the plain link.
    private async Task<Study> StudyWithParticipantsAsync()
    {
        var owner = "own" + Guid.NewGuid().ToString("N")[..8];
        var (slug, id) = await platform.CreateStudyAsync(owner, StudyStatus.Open, TestStudies.WithoutChat);
        var (done, open) = ("5f" + Guid.NewGuid().ToString("N")[..22], "60" + Guid.NewGuid().ToString("N")[..22]);
        var completed = await platform.Factory.ConsentAsync(slug, prolificPid: done);
        var inProgress = await platform.Factory.ConsentAsync(slug, prolificPid: open);
        await platform.Factory.ConsentAsync(slug);
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(completed.SessionId, "instructions");
        var surveys = scope.ServiceProvider.GetRequiredService<SurveyService>();
        await surveys.SubmitAsync(completed.SessionId, "marks", []);
        await surveys.SubmitAsync(completed.SessionId, "rating",
            [new SurveyAnswer("talk-again", "5"), new("fluency", "4"), new("sensible", "4"), new("specific", "3"), new("enjoyment", "5")]);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        // An attention check failed earlier in the session (what the survey service counts).
        var session = db.Sessions.Single(s => s.Id == completed.SessionId);
        session.FailedAttentionChecks = 1;
        await db.SaveChangesAsync();
        return new Study(id, slug, owner, done, open, completed, inProgress);
    }

    private static List<string[]> Rows(string csv) =>
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();

    private static List<JsonElement> Lines(string jsonl) =>
        jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task TheResearcherWhoManagesTheStudyDownloadsAProlificCsvToApproveRejectAndPayBonuses()
    {
        var study = await StudyWithParticipantsAsync();
        var owner = await platform.ClientAsync(study.Owner);

        using var response = await owner.GetAsync($"/api/v1/studies/{study.Id}/recruitment.csv");
        var rows = Rows(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RecruitmentExport.Header.Split(','), rows[0]);
        Assert.Equal(3, rows.Count); // the open-link participant has nothing to approve on Prolific
        var header = rows[0].ToList();
        string Cell(string[] row, string column) => row[header.IndexOf(column)];
        var done = rows.Single(r => Cell(r, "participant_id") == study.CompletedPid);
        Assert.Equal(("prolific", "study1", "s" + study.CompletedPid, study.Completed.SessionId.ToString()),
            (Cell(done, "platform"), Cell(done, "platform_study_id"), Cell(done, "submission_id"), Cell(done, "session_id")));
        Assert.Equal(("Completed", "DEMO-C0MPL3TE", "1"), (Cell(done, "status"), Cell(done, "completion_code"), Cell(done, "failed_attention_checks")));
        Assert.NotEqual("", Cell(done, "completed_at"));
        Assert.True(int.Parse(Cell(done, "time_taken_seconds"), System.Globalization.CultureInfo.InvariantCulture) >= 0);
        var open = rows.Single(r => Cell(r, "participant_id") == study.OpenPid);
        Assert.Equal(("InProgress", "", ""), (Cell(open, "status"), Cell(open, "completion_code"), Cell(open, "completed_at")));
    }

    [Fact]
    public async Task TheSessionsExportCarriesEachSessionsRecruitmentIdsInFullForTheOwnerAndForTheStudysKey()
    {
        var study = await StudyWithParticipantsAsync();
        string key;
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(study.Owner, study.Id, [ApiKeyScopes.Export], "nightly pull")).Key;
        var script = platform.Factory.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        foreach (var client in new[] { await platform.ClientAsync(study.Owner), script })
        {
            var sessions = Lines(await client.GetStringAsync($"/api/v1/studies/{study.Slug}/sessions"));
            Assert.Equal(3, sessions.Count);
            var done = sessions.Single(s => s.GetProperty("sessionId").GetString() == study.Completed.SessionId.ToString()).GetProperty("recruitment");
            Assert.Equal(("prolific", study.CompletedPid, "study1", "s" + study.CompletedPid, false),
                (done.GetProperty("platform").GetString(), done.GetProperty("participantId").GetString(), done.GetProperty("studyId").GetString(),
                 done.GetProperty("submissionId").GetString(), done.GetProperty("masked").GetBoolean()));
            Assert.Single(sessions, s => s.GetProperty("recruitment").ValueKind == JsonValueKind.Null);
            Assert.Contains(study.OpenPid, await client.GetStringAsync($"/api/v1/studies/{study.Id}/recruitment.csv"));
        }
    }

    [Fact]
    public async Task AViewOnlyShareGetsTheSameExportsWithEveryRecruitmentIdMasked()
    {
        var study = await StudyWithParticipantsAsync();
        var viewer = "view" + Guid.NewGuid().ToString("N")[..8];
        var client = await platform.ClientAsync(viewer);
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IStudySharing>()
                .ShareAsync(StaffPlatform.User(study.Owner), study.Id, viewer, StudyPermission.View);

        var sessions = await client.GetStringAsync($"/api/v1/studies/{study.Id}/sessions");
        var csv = await client.GetStringAsync($"/api/v1/studies/{study.Id}/recruitment.csv");
        var sessionsCsv = await client.GetStringAsync($"/api/v1/studies/{study.Id}/sessions?format=csv");

        foreach (var body in new[] { sessions, csv, sessionsCsv })
        {
            Assert.DoesNotContain(study.CompletedPid, body);
            Assert.DoesNotContain(study.OpenPid, body);
        }
        var done = Lines(sessions).Single(s => s.GetProperty("sessionId").GetString() == study.Completed.SessionId.ToString()).GetProperty("recruitment");
        Assert.Equal((RecruitmentIdVisibility.Mask(study.CompletedPid), true), (done.GetProperty("participantId").GetString(), done.GetProperty("masked").GetBoolean()));
        Assert.Contains(RecruitmentIdVisibility.Mask(study.CompletedPid), csv);
        Assert.Equal("5f••••" + study.CompletedPid[^2..], RecruitmentIdVisibility.Mask(study.CompletedPid));
    }

    [Fact]
    public async Task AnnotatorsStrangersAndAnonymousCallersGetNoExport()
    {
        var study = await StudyWithParticipantsAsync();
        var annotator = await platform.ClientAsync("ann" + Guid.NewGuid().ToString("N")[..8], StaffRoles.Annotator);
        var stranger = await platform.ClientAsync("str" + Guid.NewGuid().ToString("N")[..8]);
        var anonymous = await platform.ClientAsync(null);

        foreach (var path in new[] { "sessions", "recruitment.csv" })
        {
            using var byAnnotator = await annotator.GetAsync($"/api/v1/studies/{study.Id}/{path}");
            using var byStranger = await stranger.GetAsync($"/api/v1/studies/{study.Id}/{path}");
            using var byAnonymous = await anonymous.GetAsync($"/api/v1/studies/{study.Id}/{path}");
            Assert.Equal(HttpStatusCode.Forbidden, byAnnotator.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, byAnonymous.StatusCode);
            var problem = await byAnonymous.Content.ReadFromJsonAsync<ProblemDetails>();
            Assert.Contains("send an API key as 'Authorization: Bearer il_", problem!.Detail);
            Assert.DoesNotContain(study.CompletedPid, await byAnnotator.Content.ReadAsStringAsync() + await byStranger.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task EveryExportComesAsCsvMadeFromTheSameRowsAsItsJsonLines()
    {
        var study = await StudyWithParticipantsAsync();
        var owner = await platform.ClientAsync(study.Owner);

        foreach (var table in new[] { "sessions", "turns", "events", "surveys" })
        {
            var jsonl = Lines(await owner.GetStringAsync($"/api/v1/studies/{study.Id}/{table}"));
            using var response = await owner.GetAsync($"/api/v1/studies/{study.Id}/{table}?format=csv");
            var csv = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            if (jsonl.Count == 0)
            {
                Assert.Empty(csv); // nothing recorded (this study has no chat, so no turns): an empty file
                continue;
            }
            Assert.Equal(jsonl.Count + 1, csv.Length); // a header, then one line per record
            Assert.Equal(jsonl[0].EnumerateObject().Select(p => p.Name), csv[0].Split(','));
        }
        var surveysCsv = await owner.GetStringAsync($"/api/v1/studies/{study.Id}/surveys?format=csv");
        Assert.Contains($"{study.Completed.SessionId},rating,talk-again,,5,5,False,,False,", surveysCsv.Replace("false", "False"));

        using var xml = await owner.GetAsync($"/api/v1/studies/{study.Id}/sessions?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, xml.StatusCode);
        Assert.Contains("Use one of: jsonl, csv", (await xml.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task AStudyWithoutRecruitedParticipantsGivesTheHeaderOnly()
    {
        var owner = "own" + Guid.NewGuid().ToString("N")[..8];
        var (slug, id) = await platform.CreateStudyAsync(owner, StudyStatus.Open);
        await platform.Factory.ConsentAsync(slug); // an open-link participant: nothing to approve on Prolific

        var csv = await (await platform.ClientAsync(owner)).GetStringAsync($"/api/v1/studies/{id}/recruitment.csv");

        Assert.Equal(RecruitmentExport.Header + "\r\n", csv);
    }

    [Fact]
    public async Task AnIdThatASpreadsheetWouldRunAsAFormulaIsNeutralisedInTheCsvWhileCountsStayNumbers()
    {
        var owner = "own" + Guid.NewGuid().ToString("N")[..8];
        var (slug, id) = await platform.CreateStudyAsync(owner, StudyStatus.Open, TestStudies.WithoutChat);
        // Ids are letters, digits, '-' and '_', so a leading '-' is the one formula start an id can bring.
        await platform.Factory.ConsentAsync(slug, prolificPid: "-2-3");

        var csv = await (await platform.ClientAsync(owner)).GetStringAsync($"/api/v1/studies/{id}/recruitment.csv");

        var line = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.StartsWith("prolific,'-2-3,study1,s-2-3,", line);
        Assert.EndsWith(",0", line); // failed_attention_checks: a number, never prefixed
    }
}
