using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Imports;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Imports;

/// <summary><c>POST /api/v1/studies/{id}/imports/coauthor</c> on the real platform and real PostgreSQL.</summary>
public sealed class CoAuthorImportTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private const string Story = "coauthor-session-story.jsonl";
    private const string Malformed = "coauthor-session-malformed.jsonl";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static MultipartFormDataContent Form(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
            form.Add(new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/jsonl") } }, "files", name);
        return form;
    }

    private static string Url(Guid study) => $"/api/v1/studies/{study}/imports/coauthor";

    private static async Task<CoAuthorImportReport> ReportAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CoAuthorImportReport>(Json))!;
    }

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
    }

    private async Task<string> KeyAsync(Guid? study, params string[] scopes)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", study, scopes)).Key;
    }

    private HttpClient KeyClient(string key)
    {
        var client = platform.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<int> SessionCountAsync(Guid study)
    {
        await using var scope = platform.Scope(out var db);
        return await db.Sessions.CountAsync(s => s.StudyId == study);
    }

    [Fact]
    public async Task TwoFilesBecomeTwoCompletedSessionsWithTheirEventsBadLinesReportedAndReplayChecked()
    {
        var (slug, id) = await platform.CreateStudyAsync("ines", StudyStatus.Open);
        var client = await platform.ClientAsync("ines");

        var report = await ReportAsync(await client.PostAsync(Url(id), Form((Story, Fixture(Story)), (Malformed, Fixture(Malformed)))));

        Assert.Equal([Story, Malformed], report.Files.Select(f => f.FileName));
        var storyLines = Encoding.UTF8.GetString(Fixture(Story)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var story = report.Files[0];
        Assert.Equal(storyLines.Length, story.EventsStored);
        Assert.Empty(story.Errors);
        Assert.Equal(ReplayOutcome.Match, story.Replay.Outcome);
        var malformed = report.Files[1];
        Assert.Equal(7, malformed.EventsStored);
        var error = Assert.Single(malformed.Errors);
        Assert.Equal(4, error.LineNumber);
        Assert.StartsWith("not valid JSON", error.Reason);
        Assert.Equal(ReplayOutcome.Match, malformed.Replay.Outcome);

        await using var scope = platform.Scope(out var db);
        var sessions = await db.Sessions.Where(s => s.StudyId == id).ToListAsync();
        Assert.Equal(2, sessions.Count);
        Assert.Equal(["coauthor:" + Malformed, "coauthor:" + Story], sessions.Select(s => s.ImportSource).Order());
        Assert.All(sessions, s => Assert.Equal(SessionStatus.Completed, s.Status));
        Assert.NotEqual(sessions[0].ParticipantId, sessions[1].ParticipantId);
        var storySession = sessions.Single(s => s.Id.ToString() == story.SessionId);
        var first = JsonDocument.Parse(storyLines[0]).RootElement;
        var last = JsonDocument.Parse(storyLines[^1]).RootElement;
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(first.GetProperty("eventTimestamp").GetInt64()), storySession.StartedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(last.GetProperty("eventTimestamp").GetInt64()), storySession.CompletedAt);
        var version = await db.StudyVersions.Where(v => v.StudyId == id).OrderByDescending(v => v.Number).FirstAsync();
        Assert.Equal(version.Id, storySession.StudyVersionId);

        var events = await db.TraceEvents.Where(e => e.SessionId == storySession.Id).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, storyLines.Length).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(TraceOrigin.Client, e.Origin));
        Assert.Equal(first.GetProperty("eventName").GetString(), events[0].Type);
        Assert.Equal(first.GetProperty("currentDoc").GetString(), JsonDocument.Parse(events[0].Payload).RootElement.GetProperty("currentDoc").GetString());
        Assert.Equal(last.GetProperty("eventTimestamp").GetInt64(), events[^1].ClientTimeMs);
        var malformedSession = sessions.Single(s => s.Id.ToString() == malformed.SessionId);
        Assert.Equal(7, await db.TraceEvents.CountAsync(e => e.SessionId == malformedSession.Id));

        var audit = await db.AuditEntries.Where(a => a.StudyId == id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([CoAuthorImportService.AuditAction, CoAuthorImportService.AuditAction], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("ines", a.Actor));
        Assert.All(audit, a => Assert.Equal(slug, a.Target));
        Assert.Contains("1 unreadable lines", audit[1].Detail);

        // The sessions export says where they came from.
        var export = await KeyClient(await KeyAsync(id, ApiKeyScopes.Export)).GetStringAsync($"/api/v1/studies/{id}/sessions");
        var rows = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["coauthor:" + Malformed, "coauthor:" + Story], rows.Select(r => r.GetProperty("importSource").GetString()).Order());
    }

    [Fact]
    public async Task AFileWithNoReadableLineCreatesNoSessionAndADivergingTraceIsReportedAsAMismatch()
    {
        var (_, id) = await platform.CreateStudyAsync("ines", StudyStatus.Draft);
        var client = await platform.ClientAsync("ines");
        var junk = Encoding.UTF8.GetBytes("not json\n[1, 2]\n{\"eventSource\": \"user\"}\n");
        var diverging = Encoding.UTF8.GetBytes(string.Join('\n',
            """{"eventName": "system-initialize", "eventSource": "api", "eventTimestamp": 1700000000000, "currentDoc": "Hi."}""",
            """{"eventName": "text-insert", "eventSource": "user", "eventTimestamp": 1700000000500, "textDelta": {"ops": [{"retain": 3}, {"insert": " Yo."}]}, "currentDoc": "Hi. No."}"""));

        var report = await ReportAsync(await client.PostAsync(Url(id), Form(("junk.jsonl", junk), ("diverging.jsonl", diverging))));

        var bad = report.Files[0];
        Assert.Null(bad.SessionId);
        Assert.Equal(0, bad.EventsStored);
        Assert.Equal([1, 2, 3], bad.Errors.Select(e => e.LineNumber));
        Assert.Contains("missing eventName", bad.Errors[2].Reason);
        Assert.Equal(ReplayOutcome.NotChecked, bad.Replay.Outcome);
        var off = report.Files[1];
        Assert.Equal(2, off.EventsStored);
        Assert.Equal(ReplayOutcome.Mismatch, off.Replay.Outcome);
        Assert.Equal(2, off.Replay.EventNumber);
        Assert.Equal(2, off.Replay.LineNumber);
        Assert.StartsWith("Mismatch at event 2", off.Replay.Message);
        Assert.Equal(1, await SessionCountAsync(id));
    }

    [Fact]
    public async Task AnApiKeyWithTheImportScopeImportsAndOtherKeysAndPeopleAreRefused()
    {
        var (_, id) = await platform.CreateStudyAsync("ines", StudyStatus.Open);
        var (_, other) = await platform.CreateStudyAsync("ines", StudyStatus.Open);
        var body = () => Form((Story, Fixture(Story)));

        var imported = await ReportAsync(await KeyClient(await KeyAsync(id, ApiKeyScopes.Import)).PostAsync(Url(id), body()));
        Assert.NotNull(imported.Files[0].SessionId);
        await using (var scope = platform.Scope(out var db))
            Assert.Equal("analyst", (await db.AuditEntries.SingleAsync(a => a.StudyId == id)).Actor);

        var exportOnly = await ProblemAsync(await KeyClient(await KeyAsync(id, ApiKeyScopes.Export)).PostAsync(Url(id), body()), HttpStatusCode.Forbidden);
        Assert.Contains("scope", exportOnly.Detail);
        await ProblemAsync(await KeyClient(await KeyAsync(other, ApiKeyScopes.Import)).PostAsync(Url(id), body()), HttpStatusCode.Forbidden);
        await ProblemAsync(await KeyClient("il_not-a-key").PostAsync(Url(id), body()), HttpStatusCode.Unauthorized);
        var otherResearcher = await platform.ClientAsync("oskar");
        await ProblemAsync(await otherResearcher.PostAsync(Url(id), body()), HttpStatusCode.NotFound);
        var annotator = await platform.ClientAsync("anna", StaffRoles.Annotator);
        await ProblemAsync(await annotator.PostAsync(Url(id), body()), HttpStatusCode.Forbidden);
        var anonymous = await platform.ClientAsync(null);
        await ProblemAsync(await anonymous.PostAsync(Url(id), body()), HttpStatusCode.Unauthorized);
        Assert.Equal(1, await SessionCountAsync(id));
    }

    [Fact]
    public async Task RequestsOverTheLimitsAreRefusedWithAReasonAndStoreNothing()
    {
        var (_, id) = await platform.CreateStudyAsync("ines", StudyStatus.Open);
        var client = await platform.ClientAsync("ines");

        var many = await ProblemAsync(await client.PostAsync(Url(id),
            Form(Enumerable.Range(0, CoAuthorImportService.MaxFiles + 1).Select(i => ($"s{i}.jsonl", Fixture(Story))).ToArray())), HttpStatusCode.BadRequest);
        Assert.Contains("At most 50 files", many.Detail);
        var big = new byte[CoAuthorImportService.MaxRequestBytes + 1];
        Array.Fill(big, (byte)'\n');
        var large = await ProblemAsync(await client.PostAsync(Url(id), Form(("big.jsonl", big))), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("At most 20 MB", large.Detail);
        var none = await ProblemAsync(await client.PostAsync(Url(id), new MultipartFormDataContent { { new StringContent("x"), "note" } }), HttpStatusCode.BadRequest);
        Assert.Contains("'files'", none.Detail);
        var wrongField = new MultipartFormDataContent { { new ByteArrayContent(Fixture(Story)), "file", Story } };
        var wrong = await ProblemAsync(await client.PostAsync(Url(id), wrongField), HttpStatusCode.BadRequest);
        Assert.Contains("not 'file'", wrong.Detail);
        Assert.Equal(0, await SessionCountAsync(id));
    }

    [Fact]
    public async Task TheImportPageShowsForTheOwnerWithItsNavLinkAndIsNotFoundForAnotherResearcher()
    {
        var (slug, id) = await platform.CreateStudyAsync("ines", StudyStatus.Open);
        var owner = await platform.ClientAsync("ines");

        var html = await owner.GetStringAsync($"/admin/studies/{id}/import");

        Assert.Contains($"Import into <span class=\"slug\">{slug}</span>", html);
        Assert.Matches($"<a [^>]*href=\"/admin/studies/{id}/import\" aria-current=\"page\"[^>]*>Import</a>", html);
        Assert.Contains("id=\"import-files\"", html);
        var other = await platform.ClientAsync("oskar");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/admin/studies/{id}/import")).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheImportEndpoint()
    {
        var document = JsonDocument.Parse(await platform.Factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var post = document.GetProperty("paths").GetProperty("/api/v1/studies/{id}/imports/coauthor").GetProperty("post");
        Assert.StartsWith("Imports CoAuthor JSONL traces", post.GetProperty("summary").GetString());
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("413", out _));
    }
}
