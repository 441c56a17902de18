using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Imports;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.MetaphorWriting;

/// <summary>
/// <c>GET /api/v1/studies/{study}/writing/sentences</c> and <c>…/sentences.csv</c> on the real platform and real
/// PostgreSQL, over the HALIE fixtures imported from a Mac-made logs.zip with its session.txt. The expected rows are
/// the ones worked out by hand in the Domain tests (WritingSentenceMetricsTests.LifeRows and ProgressRows), written
/// here the way HALIE's pandas wrote event_blocks.csv.
/// </summary>
public sealed class WritingSentencesApiTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private const string Header =
        "session_id,worker_id,order_id,norm_order_id,model,prompt,elapsed_time,num_queries,num_events,acceptance,model_completion,final_sentence,edit_model_final_token,edit_model_final_char";

    private async Task<(string Slug, Guid Id, string LifeWorker, string ProgressWorker)> ImportedStudyAsync()
    {
        var (slug, id) = await platform.CreateStudyAsync("sven", StudyStatus.Open);
        await using var scope = platform.Scope(out var db);
        await scope.ServiceProvider.GetRequiredService<CoAuthorImportService>()
            .ImportAsync(StaffPlatform.User("sven"), id, [new CoAuthorUpload("logs.zip", HalieArchive.MacZip())]);
        var workers = await (from i in db.ImportedSessions
                             join s in db.Sessions on i.SessionId equals s.Id
                             where i.StudyId == id
                             select new { i.SourceSessionId, s.ParticipantId }).ToDictionaryAsync(x => x.SourceSessionId, x => x.ParticipantId.ToString("N"));
        return (slug, id, workers[HalieArchive.Life], workers[HalieArchive.Progress]);
    }

    private async Task<HttpClient> KeyClientAsync(Guid? study, string scope)
    {
        await using var services = platform.Factory.Services.CreateAsyncScope();
        var key = (await services.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", study, [scope])).Key;
        var client = platform.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task TheCsvHasHaliesColumnsAndReproducesTheHandComputedRowsOfTheImportedLogs()
    {
        var (_, id, life, progress) = await ImportedStudyAsync();
        var client = await KeyClientAsync(id, ApiKeyScopes.Export);

        var response = await client.GetAsync($"/api/v1/studies/{id}/writing/sentences.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        // Floats as pandas printed them (acceptance is a float column there: 100.0; empty where undefined); a cell
        // with a comma or a line break quoted; sessions in start order (the life log starts first).
        var L = HalieArchive.Life;
        var P = HalieArchive.Progress;
        Assert.Equal(string.Join("\n",
            Header,
            $"{L},{life},0,0.0,InstructDavinci,life,0.15,1,8,100.0,game of chance.,Life is a game of chance.,3,10",
            $"{L},{life},1,0.33,InstructDavinci,life,0.35,2,8,0.0,,\"Life is a marathon, not a sprint. \",7,34",
            $"{L},{life},2,0.67,InstructDavinci,life,0.17,2,11,50.0,of the dice.,Life is a 🎲 roll of the die.,6,18",
            $"{P},{progress},0,0.0,Jumbo,progress,0.12,8,22,12.0,with partners.,Progress is a dance with partners.,4,20",
            $"{P},{progress},1,0.5,Jumbo,progress,0.01,0,2,,,,0,0",
            $"{P},{progress},2,1.0,Jumbo,progress,0.02,0,2,,,\"Progress is slow.\n\",3,18",
            ""), csv);
    }

    [Fact]
    public async Task TheJsonLinesHaveTheSameColumnsAndValuesAndTheStudyMayBeNamedBySlugByItsManager()
    {
        var (slug, id, life, _) = await ImportedStudyAsync();
        var client = await platform.ClientAsync("sven");

        var body = await client.GetStringAsync($"/api/v1/studies/{slug}/writing/sentences");

        var rows = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(Header.Split(','), r.EnumerateObject().Select(p => p.Name)));
        var second = rows[1];
        Assert.Equal(HalieArchive.Life, second.GetProperty("session_id").GetString());
        Assert.Equal(life, second.GetProperty("worker_id").GetString());
        Assert.Equal(1, second.GetProperty("order_id").GetInt32());
        Assert.Equal(0.33, second.GetProperty("norm_order_id").GetDouble());
        Assert.Equal(("InstructDavinci", "life"), (second.GetProperty("model").GetString(), second.GetProperty("prompt").GetString()));
        Assert.Equal(0.35, second.GetProperty("elapsed_time").GetDouble());
        Assert.Equal((2, 8, 0), (second.GetProperty("num_queries").GetInt32(), second.GetProperty("num_events").GetInt32(), second.GetProperty("acceptance").GetInt32()));
        Assert.Equal(("", "Life is a marathon, not a sprint. "), (second.GetProperty("model_completion").GetString(), second.GetProperty("final_sentence").GetString()));
        Assert.Equal((7, 34), (second.GetProperty("edit_model_final_token").GetInt32(), second.GetProperty("edit_model_final_char").GetInt32()));
        Assert.Equal(JsonValueKind.Null, rows[4].GetProperty("acceptance").ValueKind);
    }

    [Fact]
    public async Task OnlyExportKeysOfTheStudyAndStaffWhoManageItMayRead()
    {
        var (_, id, _, _) = await ImportedStudyAsync();
        var (_, other) = await platform.CreateStudyAsync("sven", StudyStatus.Open);
        var url = $"/api/v1/studies/{id}/writing/sentences";

        Assert.Equal(HttpStatusCode.OK, (await (await KeyClientAsync(null, ApiKeyScopes.Export)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await KeyClientAsync(other, ApiKeyScopes.Export)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await KeyClientAsync(id, ApiKeyScopes.Import)).GetAsync(url + ".csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await platform.ClientAsync("otto")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await platform.ClientAsync("anja", StaffRoles.Annotator)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await platform.ClientAsync(null)).GetAsync(url)).StatusCode);
        var missing = await (await platform.ClientAsync("sven")).GetAsync("/api/v1/studies/no-such-study/writing/sentences.csv");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no-such-study", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ACsvCellThatASpreadsheetWouldRunAsAFormulaIsNeutralisedWhileTheJsonKeepsTheText()
    {
        var (_, id) = await platform.CreateStudyAsync("sven", StudyStatus.Open);
        var log = string.Join('\n',
            """{"eventName":"system-initialize","eventSource":"api","eventTimestamp":0,"currentDoc":"\n"}""",
            """{"eventName":"text-insert","eventSource":"user","eventTimestamp":60000,"textDelta":{"ops":[{"insert":"=HYPERLINK(\"http://x\")"}]}}""",
            """{"eventName":"template-add","eventSource":"user","eventTimestamp":120000,"textDelta":"=HYPERLINK(\"http://x\")"}""");
        await using (var scope = platform.Scope(out _))
            await scope.ServiceProvider.GetRequiredService<CoAuthorImportService>()
                .ImportAsync(StaffPlatform.User("sven"), id, [new CoAuthorUpload("formula.jsonl", Encoding.UTF8.GetBytes(log))]);
        var client = await KeyClientAsync(id, ApiKeyScopes.Export);

        var csv = await client.GetStringAsync($"/api/v1/studies/{id}/writing/sentences.csv");
        var json = JsonDocument.Parse((await client.GetStringAsync($"/api/v1/studies/{id}/writing/sentences")).Trim()).RootElement;

        // One block of 3 events over 2 minutes; no list shown, no model text: the whole sentence is inserted (1 token, 22 characters).
        Assert.EndsWith(",0,0.0,imported,,2.0,0,3,,,\"'=HYPERLINK(\"\"http://x\"\")\",1,22\n", csv);
        Assert.Equal("=HYPERLINK(\"http://x\")", json.GetProperty("final_sentence").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesBothSentenceExports()
    {
        var paths = JsonDocument.Parse(await platform.Factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        Assert.StartsWith("HALIE's per-sentence table", paths.GetProperty("/api/v1/studies/{study}/writing/sentences").GetProperty("get").GetProperty("summary").GetString());
        var csv = paths.GetProperty("/api/v1/studies/{study}/writing/sentences.csv").GetProperty("get");
        Assert.Contains("formula", csv.GetProperty("summary").GetString());
        Assert.True(csv.GetProperty("responses").TryGetProperty("403", out _));
    }
}
