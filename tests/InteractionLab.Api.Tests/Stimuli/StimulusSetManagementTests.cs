using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tests.Builder;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using InteractionLab.Api.Tests.Infrastructure;

namespace InteractionLab.Api.Tests.Stimuli;

/// <summary>Duplicates, renaming and deleting stimulus sets over REST, on the real platform with signed-in staff.</summary>
public sealed class StimulusSetManagementTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Kind = "dialogue-scenarios";

    private static MultipartFormDataContent Upload(string name, string fileName, string content) => StimulusApiTests.Upload(name, Kind, fileName, content);

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

    private static string Unique(string stem) => $"{stem} {Guid.NewGuid():N}"[..(stem.Length + 7)];

    private static async Task<StimulusSetSummary> StoreAsync(HttpClient client, string name, string content)
    {
        var response = await client.PostAsync("/api/v1/admin/stimuli", Upload(name, "set.csv", content));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StimulusSetSummary>())!;
    }

    [Fact]
    public async Task TheSameItemsUploadedAgainAreRefusedNamingTheSetThatHasThem()
    {
        var client = await platform.ClientAsync("dup-dana", StaffRoles.Researcher);
        var content = $"id,scenario\nrain,It rains on your day off {Guid.NewGuid():N}.\n";
        var first = await StoreAsync(client, Unique("Rainy"), content);

        // Another file name, another name, the same items (line endings differ: the items are what is compared).
        var again = await client.PostAsync("/api/v1/admin/stimuli", Upload("Rainy again", "copy.csv", content.Replace("\n", "\r\n")));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal($"'copy.csv' holds the same 1 items as the set '{first.Name}' ({first.Key}), uploaded by dup-dana on {first.CreatedAt:yyyy-MM-dd}. Use that set, or rename it.",
            await DetailAsync(again));
        await using var scope = platform.Scope(out var db);
        Assert.False(await db.StimulusSets.AnyAsync(s => s.Name == "Rainy again"));
    }

    [Fact]
    public async Task TheUploaderRenamesASetKeepingItsKeyAndTheChangeIsAudited()
    {
        var client = await platform.ClientAsync("ren-rita", StaffRoles.Researcher);
        var set = await StoreAsync(client, Unique("Old name"), $"id,scenario\na,A {Guid.NewGuid():N}.\n");

        var renamed = await client.PatchAsJsonAsync($"/api/v1/admin/stimuli/{set.Key}", new { name = "  Clear name  " });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(("Clear name", set.Key), ((await renamed.Content.ReadFromJsonAsync<StimulusSetSummary>())!.Name, set.Key));
        var blank = await client.PatchAsJsonAsync($"/api/v1/admin/stimuli/{set.Key}", new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var demo = await client.PatchAsJsonAsync("/api/v1/admin/stimuli/demo-dialogue-scenarios", new { name = "Mine" });
        Assert.Equal(HttpStatusCode.BadRequest, demo.StatusCode);
        Assert.Contains("demo set built into the platform", await DetailAsync(demo));
        var other = await platform.ClientAsync("ren-otto", StaffRoles.Researcher);
        var refused = await other.PatchAsJsonAsync($"/api/v1/admin/stimuli/{set.Key}", new { name = "Hijacked" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await using var scope = platform.Scope(out var db);
        Assert.Equal("Clear name", (await db.StimulusSets.SingleAsync(s => s.Key == set.Key)).Name);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == StimulusStore.RenameAction && a.Target == set.Key && a.Actor == "ren-rita"));
    }

    [Fact]
    public async Task ASetNoStudyReadsIsDeletedAndAuditedButOneAStudyVersionReadsIsRefusedNamingIt()
    {
        var client = await platform.ClientAsync("del-dora", StaffRoles.Researcher);
        var unused = await StoreAsync(client, Unique("Unused"), $"id,scenario\nu,U {Guid.NewGuid():N}.\n");
        var used = await StoreAsync(client, Unique("Used"), $"id,scenario\nv,V {Guid.NewGuid():N}.\n");
        var slug = "uses-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = platform.Scope(out var db))
            await PlatformSeeder.CreateStudyAsync(db, slug, "del-dora", DemoStudy.Config() with
            {
                Stages = [.. DemoStudy.Config().Stages.Select(s => s.Key == "chat" ? s with { Task = s.Task! with { Stimuli = used.Key, Scenarios = null } } : s)],
            }, StudyStatus.Open, TimeProvider.System);

        var deleted = await client.DeleteAsync($"/api/v1/admin/stimuli/{unused.Key}");
        var refused = await client.DeleteAsync($"/api/v1/admin/stimuli/{used.Key}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/admin/stimuli/{unused.Key}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal($"'{used.Name}' is read by {slug} v1. Study versions are frozen and keep reading their sets, so it cannot be deleted; rename it instead.",
            await DetailAsync(refused));
        await using var check = platform.Scope(out var db2);
        Assert.True(await db2.StimulusSets.AnyAsync(s => s.Key == used.Key));
        Assert.True(await db2.AuditEntries.AnyAsync(a => a.Action == StimulusStore.DeleteAction && a.Target == unused.Key && a.Actor == "del-dora"));
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"scenario\": x}", "This line is not valid JSON: a value is not valid there — text must be in double quotes (\"like this\"), and true, false and null are lower case (near character 25).")]
    [InlineData("{\"id\": \"a\" \"scenario\": \"b\"}", "This line is not valid JSON: a comma is missing between two values, or there is text after the end (near character 12).")]
    [InlineData("{\"id\": \"a\", \"scenario\": \"b\"", "This line is not valid JSON: it ends too early — a closing quote \", } or ] is missing (near character 28).")]
    [InlineData("{id: \"a\"}", "This line is not valid JSON: field names must be in double quotes, like \"id\" (near character 2).")]
    public async Task ALineThatIsNotJsonIsExplainedInPlainWordsWithoutTheParsersMessage(string line, string expected)
    {
        var client = await platform.ClientAsync("json-jo", StaffRoles.Researcher);

        var response = await client.PostAsync("/api/v1/admin/stimuli", Upload("Broken lines", "s.jsonl", line + "\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var message = problem.GetProperty("errors").GetProperty("line 1")[0].GetString();
        Assert.Equal(expected, message);
        Assert.DoesNotContain("LineNumber", message);
    }
}
