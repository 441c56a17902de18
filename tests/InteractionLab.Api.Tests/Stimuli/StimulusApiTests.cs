using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tests.Builder;
using Microsoft.EntityFrameworkCore;
using InteractionLab.Api.Tests.Infrastructure;

namespace InteractionLab.Api.Tests.Stimuli;

/// <summary>The stimuli and task catalog REST doors, on the real platform with signed-in staff.</summary>
public sealed class StimulusApiTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Kind = "dialogue-scenarios";

    /// <summary>A stimulus upload as the page and scripts send it.</summary>
    internal static MultipartFormDataContent Upload(string name, string kind, string fileName, string content)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { new StringContent(name), "name" }, { new StringContent(kind), "kind" }, { file, StimulusApi.FileField, fileName } };
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task AGoodFileIsStoredListedUnderItsKindReadableAndAudited()
    {
        var client = await platform.ClientAsync("stim-alice", StaffRoles.Researcher);
        var name = "Work chats " + Guid.NewGuid().ToString("N")[..6];

        var response = await client.PostAsync("/api/v1/admin/stimuli",
            Upload(name, Kind, "work.csv", "id,scenario\ncommute,\"Your train is late, again.\"\nlunch,You forgot your lunch at home.\n"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<StimulusSetSummary>())!;
        Assert.Equal((name, Kind, 2, false, "stim-alice"), (created.Name, created.Kind, created.Count, created.BuiltIn, created.Owner));
        var listed = (await client.GetFromJsonAsync<List<StimulusSetSummary>>($"/api/v1/admin/stimuli?kind={Kind}"))!;
        Assert.Contains(listed, s => s.Key == created.Key && s.Count == 2);
        Assert.Contains(listed, s => s.Key == "demo-dialogue-scenarios" && s.BuiltIn);
        Assert.All(listed, s => Assert.Equal(Kind, s.Kind));
        var set = await client.GetFromJsonAsync<JsonElement>($"/api/v1/admin/stimuli/{created.Key}");
        var items = set.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(("commute", "Your train is late, again."), (items[0].GetProperty("id").GetString(), items[0].GetProperty("scenario").GetString()));
        await using var scope = platform.Scope(out var db);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == StimulusStore.UploadAction && a.Target == created.Key && a.Actor == "stim-alice"));
    }

    [Fact]
    public async Task ABadFileIsRefusedWithEveryProblemByLineAndNothingIsStored()
    {
        var client = await platform.ClientAsync("stim-alice", StaffRoles.Researcher);
        var name = "Broken " + Guid.NewGuid().ToString("N")[..6];

        var response = await client.PostAsync("/api/v1/admin/stimuli",
            Upload(name, Kind, "broken.csv", "id,scenario\na,First.\na,Same id.\nb,\nc,too,many,fields\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        var errors = problem.GetProperty("errors");
        Assert.Contains("already used on line 2", errors.GetProperty("line 3")[0].GetString());
        Assert.Contains("scenario is empty", errors.GetProperty("line 4")[0].GetString());
        Assert.Contains("Expected 2 fields", errors.GetProperty("line 5")[0].GetString());
        Assert.Contains("was not stored: 3 problem(s)", problem.GetProperty("detail").GetString());
        await using var scope = platform.Scope(out var db);
        Assert.False(await db.StimulusSets.AnyAsync(s => s.Name == name));
    }

    [Theory]
    [InlineData("no-such-kind", "a.csv", "There is no stimulus kind 'no-such-kind'")]
    [InlineData(Kind, "a.json", "is uploaded as .csv or .jsonl")]
    public async Task AnUnknownKindOrAFileOfTheWrongFormatIsRefused(string kind, string fileName, string expected)
    {
        var client = await platform.ClientAsync("stim-alice", StaffRoles.Researcher);

        var response = await client.PostAsync("/api/v1/admin/stimuli", Upload("X", kind, fileName, "id,scenario\na,b\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AJsonLinesFileWorksAndAnUnknownSetIsA404()
    {
        var client = await platform.ClientAsync("stim-alice", StaffRoles.Researcher);

        var response = await client.PostAsync("/api/v1/admin/stimuli",
            Upload("Lines", Kind, "s.jsonl", "{\"id\":\"x\",\"scenario\":\"You won a prize.\"}\n\n{\"id\":\"y\",\"scenario\":\"You lost your keys.\"}\n"));
        var missing = await client.GetAsync("/api/v1/admin/stimuli/no-such-set");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<StimulusSetSummary>())!.Count);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no-such-set", (await ProblemAsync(missing)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OnlyResearchersUploadAndNothingIsStoredForOthers()
    {
        var annotator = await platform.ClientAsync("stim-annie", StaffRoles.Annotator);
        var anonymous = platform.Factory.CreateClient();
        var name = "Not allowed " + Guid.NewGuid().ToString("N")[..6];

        var forbidden = await annotator.PostAsync("/api/v1/admin/stimuli", Upload(name, Kind, "a.csv", "id,scenario\na,b\n"));
        var unauthenticated = await anonymous.PostAsync("/api/v1/admin/stimuli", Upload(name, Kind, "a.csv", "id,scenario\na,b\n"));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        await using var scope = platform.Scope(out var db);
        Assert.False(await db.StimulusSets.AnyAsync(s => s.Name == name));
    }

    [Fact]
    public async Task TheTaskCatalogListsEachTypeWithSettingsEventsStimuliAndSurvey()
    {
        var client = await platform.ClientAsync("stim-alice", StaffRoles.Researcher);

        var types = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/task-types");

        var dialogue = types.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "social-dialogue");
        Assert.Equal("Social dialogue", dialogue.GetProperty("name").GetString());
        Assert.Contains(dialogue.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "model.finish");
        var stimuli = dialogue.GetProperty("stimuli");
        Assert.Equal(Kind, stimuli.GetProperty("kind").GetString());
        Assert.Contains("id,scenario", stimuli.GetProperty("documentation").GetString());
        Assert.Equal("demo-dialogue-scenarios", stimuli.GetProperty("demoSets")[0].GetProperty("key").GetString());
        var survey = dialogue.GetProperty("defaultSurvey").GetProperty("items");
        Assert.Contains(survey.EnumerateArray(), i => i.GetProperty("kind").GetString() == "turn-mark");
        Assert.Contains(survey.EnumerateArray(), i => i.GetProperty("key").GetString() == "talk-again");
    }
}
