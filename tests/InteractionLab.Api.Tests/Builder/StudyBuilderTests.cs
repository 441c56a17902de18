using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Studies;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using InteractionLab.Api.Tests.Infrastructure;

namespace InteractionLab.Api.Tests.Builder;

public sealed class StudyBuilderTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly System.Security.Claims.ClaimsPrincipal Alice = PlatformFixture.User("alice", StaffRoles.Researcher);

    private static string NewSlug() => "b-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<T> WithBuilderAsync<T>(Func<StudyBuilderService, Task<T>> action)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<StudyBuilderService>());
    }

    private static StudyConfig Renamed(StudyConfig c, string title) => c with { Title = title };

    [Fact]
    public async Task CreatingAStudyMakesADraftVersionOneOwnedByTheResearcherAndAuditsIt()
    {
        var slug = NewSlug();
        var created = await WithBuilderAsync(b => b.CreateAsync(Alice, slug, StudyTemplates.Create(StudyTemplates.Demo, "My chat study")));

        await using var scope = platform.Scope(out var db);
        var study = await db.Studies.Include(s => s.Versions).SingleAsync(s => s.Id == created.Id);
        Assert.Equal(("alice", StudyStatus.Draft), (study.Owner, study.Status));
        var version = Assert.Single(study.Versions);
        Assert.Equal(ConfigHash.Compute(created.Config), version.ConfigHash);
        Assert.Equal("My chat study", ConfigHash.Parse(version.ConfigJson).Title);
        Assert.Contains(await db.AuditEntries.Where(e => e.StudyId == created.Id).ToListAsync(), e => e.Action == "study.create" && e.Actor == "alice");
    }

    [Theory]
    [InlineData("Has Caps")]
    [InlineData("-leading-dash")]
    [InlineData("x")]
    public async Task ABadSlugIsRefusedWithAMessageOnTheSlugField(string slug)
    {
        var e = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            WithBuilderAsync(b => b.CreateAsync(Alice, slug, StudyTemplates.Create(StudyTemplates.Empty, "T"))));

        Assert.Equal(400, e.Status);
        Assert.Contains("lowercase letters", Assert.Single(e.Errors["slug"]));
    }

    [Fact]
    public async Task ATakenSlugIsRefusedAndTheExistingStudyIsUntouched()
    {
        var slug = NewSlug();
        await WithBuilderAsync(b => b.CreateAsync(Alice, slug, StudyTemplates.Create(StudyTemplates.Empty, "First")));

        var e = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            WithBuilderAsync(b => b.CreateAsync(PlatformFixture.User("bob", StaffRoles.Researcher), slug, StudyTemplates.Create(StudyTemplates.Empty, "Second"))));

        Assert.Equal($"The slug '{slug}' is already used by another study. Choose another.", Assert.Single(e.Errors["slug"]));
        await using var scope = platform.Scope(out var db);
        Assert.Equal("alice", (await db.Studies.SingleAsync(s => s.Slug == slug)).Owner);
    }

    [Fact]
    public async Task SavingADraftThatNobodyRanReplacesTheVersionAndReHashesIt()
    {
        var created = await WithBuilderAsync(b => b.CreateAsync(Alice, NewSlug(), StudyTemplates.Create(StudyTemplates.Demo, "Before")));

        var outcome = await WithBuilderAsync(b => b.SaveAsync(Alice, created.Id, Renamed(created.Config, "After")));

        Assert.Equal((1, false, false), (outcome.Version, outcome.NewVersion, outcome.Unchanged));
        await using var scope = platform.Scope(out var db);
        var version = await db.StudyVersions.SingleAsync(v => v.StudyId == created.Id);
        Assert.Equal("After", ConfigHash.Parse(version.ConfigJson).Title);
        Assert.Equal(ConfigHash.Compute(Renamed(created.Config, "After")), version.ConfigHash);
        Assert.Contains(await db.AuditEntries.Where(e => e.StudyId == created.Id).ToListAsync(), e => e.Action == "study.save");
    }

    [Fact]
    public async Task SavingALaunchedStudyFreezesVersionTwoWhileTheRunningSessionKeepsVersionOne()
    {
        var slug = NewSlug();
        var created = await WithBuilderAsync(b => b.CreateAsync(Alice, slug, StudyTemplates.Create(StudyTemplates.Demo, "V1")));
        await using (var scope = platform.Scope(out var db))
        {
            // Launching belongs to the study overview; here the status is set as it would leave it.
            await db.Studies.Where(s => s.Id == created.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, StudyStatus.Open));
        }
        var early = await platform.Factory.ConsentAsync(slug);
        Assert.True((await WithBuilderAsync(b => b.GetEditableAsync(Alice, created.Id))).SavingCreatesVersion);

        var outcome = await WithBuilderAsync(b => b.SaveAsync(Alice, created.Id, Renamed(created.Config, "V2"), expectedVersion: 1));
        var late = await platform.Factory.ConsentAsync(slug);

        Assert.Equal((2, true), (outcome.Version, outcome.NewVersion));
        await using (var scope = platform.Scope(out var db))
        {
            var versions = await db.StudyVersions.Where(v => v.StudyId == created.Id).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal(["V1", "V2"], versions.Select(v => ConfigHash.Parse(v.ConfigJson).Title));
            Assert.Equal(versions[0].Id, (await db.Sessions.SingleAsync(s => s.Id == early.SessionId)).StudyVersionId);
            Assert.Equal(versions[1].Id, (await db.Sessions.SingleAsync(s => s.Id == late.SessionId)).StudyVersionId);
            Assert.Contains(await db.AuditEntries.Where(e => e.StudyId == created.Id).ToListAsync(), e => e.Action == "study.version");
        }
        var stale = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            WithBuilderAsync(b => b.SaveAsync(Alice, created.Id, Renamed(created.Config, "V3 from an old tab"), expectedVersion: 1)));
        Assert.Equal(409, stale.Status);
    }

    [Fact]
    public async Task AnInvalidConfigIsRefusedPerFieldAndNothingChanges()
    {
        var created = await WithBuilderAsync(b => b.CreateAsync(Alice, NewSlug(), StudyTemplates.Create(StudyTemplates.Demo, "Valid")));
        var rating = created.Config.Stages.Single(s => s.Key == "rating");
        var brokenItem = rating.Survey!.Items[0] with { Min = 5, Max = 1 };
        var broken = created.Config with
        {
            Title = "",
            Stages = created.Config.Stages.Select(s => s.Key == "rating" ? s with { Survey = s.Survey! with { Items = [brokenItem, .. s.Survey.Items.Skip(1)] } } : s).ToList(),
            Conditions = [created.Config.Conditions[0] with { Decoding = created.Config.Conditions[0].Decoding with { Temperature = 3 } }],
        };
        var ratingIndex = created.Config.Stages.ToList().IndexOf(rating);

        var e = await Assert.ThrowsAsync<PlatformProblemException>(() => WithBuilderAsync(b => b.SaveAsync(Alice, created.Id, broken)));

        Assert.Equal(400, e.Status);
        Assert.Contains("title", e.Errors.Keys);
        Assert.Contains($"stages[{ratingIndex}].survey.items[0]", e.Errors.Keys);
        Assert.Contains("Condition 'warm': temperature must be between 0 and 2.", e.Errors["conditions[0].decoding.temperature"]);
        await using var scope = platform.Scope(out var db);
        var version = await db.StudyVersions.SingleAsync(v => v.StudyId == created.Id);
        Assert.Equal(ConfigHash.Compute(created.Config), version.ConfigHash);
        Assert.DoesNotContain(await db.AuditEntries.Where(a => a.StudyId == created.Id).ToListAsync(), a => a.Action == "study.save");
    }

    [Fact]
    public async Task RestCreateSaveVersionsAndDiffUseTheStoredConfigJson()
    {
        var client = await platform.ClientAsync("carol", StaffRoles.Researcher);
        var slug = NewSlug();
        var config = StudyTemplates.Create(StudyTemplates.Demo, "Over REST");
        var body = JsonSerializer.Serialize(new StudyBuilderApi.CreateStudyRequest(slug, config), ConfigHash.Json);

        var create = await client.PostAsync("/api/v1/admin/studies", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = JsonDocument.Parse(await create.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await using (var scope = platform.Scope(out var db))
            await db.Studies.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, StudyStatus.Open));

        var current = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/admin/studies/{id}/config")).RootElement;
        Assert.True(current.GetProperty("savingCreatesVersion").GetBoolean());
        var edited = current.GetProperty("config").Deserialize<StudyConfig>(ConfigHash.Json)!;
        var rating = edited.Stages.Single(s => s.Key == "rating");
        var index = edited.Stages.ToList().IndexOf(rating);
        edited = edited with
        {
            Stages = edited.Stages.Select(s => s == rating
                ? s with { Survey = s.Survey! with { Items = [s.Survey.Items[0] with { Prompt = "Again?" }, .. s.Survey.Items.Skip(1)] } }
                : s).ToList(),
        };
        var put = await client.PutAsync($"/api/v1/admin/studies/{id}/config",
            new StringContent(JsonSerializer.Serialize(edited, ConfigHash.Json), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True(JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement.GetProperty("newVersion").GetBoolean());

        var versions = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/admin/studies/{id}/versions")).RootElement;
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        var diff = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/admin/studies/{id}/versions/1/diff/2")).RootElement;
        var entry = Assert.Single(diff.GetProperty("entries").EnumerateArray());
        Assert.Equal($"stages[{index}].survey.items[0].prompt", entry.GetProperty("path").GetString());
        Assert.Equal("changed", entry.GetProperty("kind").GetString());
        Assert.Equal("\"Again?\"", entry.GetProperty("after").GetString());

        var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/admin/studies")).RootElement;
        Assert.Equal(["Over REST"], list.EnumerateArray().Select(s => s.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task RestRefusesUnreadableAndInvalidConfigsWithProblemDetails()
    {
        var client = await platform.ClientAsync("dave", StaffRoles.Researcher);
        var created = await WithBuilderAsync(b => b.CreateAsync(PlatformFixture.User("dave", StaffRoles.Researcher), NewSlug(), StudyTemplates.Create(StudyTemplates.Empty, "D")));

        var garbage = await client.PutAsync($"/api/v1/admin/studies/{created.Id}/config", new StringContent("{\"title\": 5", Encoding.UTF8, "application/json"));
        var invalid = await client.PutAsync($"/api/v1/admin/studies/{created.Id}/config",
            new StringContent(JsonSerializer.Serialize(created.Config with { Stages = [] }, ConfigHash.Json), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("could not be read as a study config", await garbage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("The study needs at least one stage.", problem.GetProperty("errors").GetProperty("stages")[0].GetString());
    }

    [Fact]
    public async Task AStudyYouDoNotOwnIsNotFoundAndStaysUnchanged()
    {
        var created = await WithBuilderAsync(b => b.CreateAsync(Alice, NewSlug(), StudyTemplates.Create(StudyTemplates.Empty, "Alice's")));
        var mallory = await platform.ClientAsync("mallory", StaffRoles.Researcher);

        var read = await mallory.GetAsync($"/api/v1/admin/studies/{created.Id}/config");
        var write = await mallory.PutAsync($"/api/v1/admin/studies/{created.Id}/config",
            new StringContent(JsonSerializer.Serialize(Renamed(created.Config, "Mine now"), ConfigHash.Json), Encoding.UTF8, "application/json"));
        var list = JsonDocument.Parse(await mallory.GetStringAsync("/api/v1/admin/studies")).RootElement;
        var annotator = await (await platform.ClientAsync("annie", StaffRoles.Annotator)).GetAsync($"/api/v1/admin/studies/{created.Id}/config");
        var anonymous = await platform.Factory.CreateBrowserClient().GetAsync("/api/v1/admin/studies");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.DoesNotContain(list.EnumerateArray(), s => s.GetProperty("id").GetGuid() == created.Id);
        Assert.Equal(HttpStatusCode.Forbidden, annotator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var admin = await (await platform.ClientAsync("root", StaffRoles.Admin)).GetAsync($"/api/v1/admin/studies/{created.Id}/config");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("Alice's", (await WithBuilderAsync(b => b.GetEditableAsync(Alice, created.Id))).Config.Title);
    }

    [Fact]
    public async Task BuiltInInstrumentsAreSeededAndOnlyTheirOwnerMayChangeAnInstrument()
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var instruments = scope.ServiceProvider.GetRequiredService<SurveyInstrumentService>();

        var all = await instruments.ListAsync();
        var mine = await instruments.CreateAsync(Alice, new InstrumentDraft("my-scale", "My scale", "",
            new SurveyConfig([new SurveyItem("q", SurveyItemKind.YesNo, "Ok?")])));
        var notMine = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            instruments.DeleteAsync(PlatformFixture.User("bob", StaffRoles.Researcher), mine.Id));
        var badChoice = await Assert.ThrowsAsync<PlatformProblemException>(() => instruments.CreateAsync(Alice,
            new InstrumentDraft("bad", "Bad", "", new SurveyConfig([new SurveyItem("c", SurveyItemKind.MultipleChoice, "Pick", Options: ["only"])]))));

        Assert.Contains(all, i => i.Key == "attention-check" && i.Survey.Items[0].AttentionCheck == "Agree" && i.Survey.InstrumentKey == "attention-check");
        Assert.Equal(403, notMine.Status);
        Assert.Contains("survey.items[0].options", badChoice.Errors.Keys);
        await instruments.DeleteAsync(Alice, mine.Id);
        Assert.DoesNotContain(await instruments.ListAsync(), i => i.Key == "my-scale");
    }
}
