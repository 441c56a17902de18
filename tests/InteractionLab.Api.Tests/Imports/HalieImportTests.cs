using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InteractionLab.Api.Imports;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests.Imports;

/// <summary>
/// Importing HALIE's released logs on the real platform and real PostgreSQL: a Mac-made logs.zip with session.txt
/// inside, re-posting, a corrupted log, and the metadata and session list uploaded beside plain logs.
/// </summary>
public sealed class HalieImportTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private static string Url(Guid study) => $"/api/v1/studies/{study}/imports/coauthor";

    private static MultipartFormDataContent Form(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
            form.Add(new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "files", name);
        return form;
    }

    // The raw JSON, so the test sees the words the API writes (a client without our enum types reads these).
    private static async Task<JsonElement> PostAsync(HttpClient client, Guid study, params (string, byte[])[] files)
    {
        var response = await client.PostAsync(Url(study), Form(files));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static JsonElement FileNamed(JsonElement report, string name) =>
        report.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("fileName").GetString() == name);

    private static int Lines(string name) => Encoding.UTF8.GetString(HalieArchive.File(name)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public async Task AMacMadeLogsZipIsUnpackedOnTheServerEveryLineIsKeptAndSessionTxtSetsModelSeedAndDecoding()
    {
        var (_, id) = await platform.CreateStudyAsync("hana", StudyStatus.Open);
        var client = await platform.ClientAsync("hana");

        var report = await PostAsync(client, id, ("logs.zip", HalieArchive.MacZip()));

        // Two logs; the four Finder entries are one "left out" line, never thousands of "not valid JSON" errors.
        Assert.Equal(2, report.GetProperty("files").GetArrayLength());
        var skipped = Assert.Single(report.GetProperty("skipped").EnumerateArray());
        Assert.Equal("4 macOS Finder entries, not logs", skipped.GetProperty("reason").GetString());
        Assert.Equal(3, report.GetProperty("metadataSessions").GetInt32());
        var life = FileNamed(report, $"logs.zip/logs/{HalieArchive.Life}.jsonl");
        var progress = FileNamed(report, $"logs.zip/logs/{HalieArchive.Progress}.jsonl");
        foreach (var (file, name, condition) in new[] { (life, HalieArchive.Life, "InstructDavinci"), (progress, HalieArchive.Progress, "Jumbo") })
        {
            Assert.Equal("imported", file.GetProperty("status").GetString());
            Assert.Equal(name, file.GetProperty("sourceSessionId").GetString());
            Assert.Equal(condition, file.GetProperty("condition").GetString());
            Assert.Equal(0, file.GetProperty("errors").GetArrayLength());
            Assert.Equal(Lines($"{name}.jsonl"), file.GetProperty("eventsStored").GetInt32());
            Assert.Equal("match", file.GetProperty("replay").GetProperty("outcome").GetString());
        }
        // The life log: its one logged document and its 3 added + 1 removed sentences were compared.
        Assert.Equal(4, life.GetProperty("replay").GetProperty("sentencesChecked").GetInt32());

        await using var scope = platform.Scope(out var db);
        var sessionId = Domain.SessionId.TryParse(life.GetProperty("sessionId").GetString(), out var sid) ? sid : default;
        var session = await db.Sessions.SingleAsync(s => s.Id == sessionId);
        Assert.Equal("InstructDavinci", session.ConditionKey);
        var imported = await db.ImportedSessions.SingleAsync(i => i.SessionId == sessionId);
        Assert.Equal((HalieArchive.Life, "openai/text-davinci-001", "life"), (imported.SourceSessionId, imported.Model, imported.Prompt));
        var decoding = JsonDocument.Parse(imported.DecodingJson!).RootElement;
        Assert.Equal(0.9, decoding.GetProperty("temperature").GetDouble());
        Assert.Equal(30, decoding.GetProperty("max_tokens").GetInt32());
        Assert.Equal(".", decoding.GetProperty("stop")[0].GetString());
        // The sentences are stored as the log has them: three template-adds, a template-delete, a string-delta failure.
        var types = await db.TraceEvents.Where(e => e.SessionId == sessionId).OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync();
        Assert.Equal(3, types.Count(t => t == "template-add"));
        Assert.Single(types, t => t == "template-delete");
        Assert.Single(types, t => t == "suggestion-fail");
    }

    [Fact]
    public async Task PostingTheSameLogsAgainAddsNothingAndNamesTheSessionsTheyAlreadyAre()
    {
        var (_, id) = await platform.CreateStudyAsync("hana", StudyStatus.Open);
        var client = await platform.ClientAsync("hana");
        var first = await PostAsync(client, id, ("logs.zip", HalieArchive.MacZip()));
        var lifeSession = FileNamed(first, $"logs.zip/logs/{HalieArchive.Life}.jsonl").GetProperty("sessionId").GetString();
        await using (var scope = platform.Scope(out var db))
            Assert.Equal(2, await db.Sessions.CountAsync(s => s.StudyId == id));

        var again = await PostAsync(client, id, ("logs.zip", HalieArchive.MacZip()));
        var alone = await PostAsync(client, id, ($"{HalieArchive.Life}.jsonl", HalieArchive.File($"{HalieArchive.Life}.jsonl")));

        Assert.All(again.GetProperty("files").EnumerateArray(), f => Assert.Equal("already imported", f.GetProperty("status").GetString()));
        Assert.Equal(lifeSession, FileNamed(again, $"logs.zip/logs/{HalieArchive.Life}.jsonl").GetProperty("sessionId").GetString());
        var single = Assert.Single(alone.GetProperty("files").EnumerateArray());
        Assert.Equal("already imported", single.GetProperty("status").GetString());
        Assert.Equal(lifeSession, single.GetProperty("sessionId").GetString());
        Assert.Equal(0, single.GetProperty("eventsStored").GetInt32());
        await using (var scope = platform.Scope(out var db))
        {
            Assert.Equal(2, await db.Sessions.CountAsync(s => s.StudyId == id));
            Assert.Equal(2, await db.ImportedSessions.CountAsync(s => s.StudyId == id));
        }
    }

    [Fact]
    public async Task ACorruptedLogIsImportedAndReportedAsAMismatchAtTheSentenceItSpoils()
    {
        var (_, id) = await platform.CreateStudyAsync("hana", StudyStatus.Open);
        var client = await platform.ClientAsync("hana");

        // Line 10 of the life log typed "not a sprnt." instead of "not a sprint.": the sentence of line 16 is not in
        // the replayed document. The old check compared only the last logged document (line 1) and said "matches".
        var report = await PostAsync(client, id, ("corrupted.jsonl", HalieArchive.File("corrupted.jsonl")));

        var replay = Assert.Single(report.GetProperty("files").EnumerateArray()).GetProperty("replay");
        Assert.Equal("mismatch", replay.GetProperty("outcome").GetString());
        Assert.Equal(16, replay.GetProperty("eventNumber").GetInt32());
        Assert.Equal(16, replay.GetProperty("lineNumber").GetInt32());
        Assert.StartsWith("Mismatch at event 16 (line 16): the sentence added here", replay.GetProperty("message").GetString());
    }

    [Fact]
    public async Task MetadataAndASessionListUploadedBesidePlainLogsApplyToThemAndAnUnlistedLogIsLeftOut()
    {
        var (_, id) = await platform.CreateStudyAsync("hana", StudyStatus.Open);
        var client = await platform.ClientAsync("hana");

        var report = await PostAsync(client, id,
            ($"{HalieArchive.Life}.jsonl", HalieArchive.File($"{HalieArchive.Life}.jsonl")),
            ($"{HalieArchive.Progress}.jsonl", HalieArchive.File($"{HalieArchive.Progress}.jsonl")),
            ("session.txt", HalieArchive.File("session.txt")),
            ("session_ids.txt", Encoding.UTF8.GetBytes(HalieArchive.Progress + "\n")));

        var file = Assert.Single(report.GetProperty("files").EnumerateArray());
        Assert.Equal(("Jumbo", HalieArchive.Progress), (file.GetProperty("condition").GetString(), file.GetProperty("sourceSessionId").GetString()));
        var left = Assert.Single(report.GetProperty("skipped").EnumerateArray());
        Assert.Equal(($"{HalieArchive.Life}.jsonl", "not listed in session_ids.txt"), (left.GetProperty("name").GetString(), left.GetProperty("reason").GetString()));
        await using var scope = platform.Scope(out var db);
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.StudyId == id));
    }

    [Fact]
    public async Task AFileThatIsNotAReadableZipIsRefusedWithTheReasonAndStoresNothing()
    {
        var (_, id) = await platform.CreateStudyAsync("hana", StudyStatus.Open);
        var client = await platform.ClientAsync("hana");

        var response = await client.PostAsync(Url(id), Form(("logs.zip", Encoding.UTF8.GetBytes("PK\u0003\u0004 truncated"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'logs.zip' is not a readable zip archive", await response.Content.ReadAsStringAsync());
        await using var scope = platform.Scope(out var db);
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.StudyId == id));
    }
}
