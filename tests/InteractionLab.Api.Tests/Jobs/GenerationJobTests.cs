using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using InteractionLab.Api.Data;
using InteractionLab.Api.Jobs;
using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Jobs;

/// <summary>
/// Story generation on Hangfire with real platform hosts (each with its own Hangfire server) on one database: a job
/// is visible with its progress on every instance, survives its server stopping (PostgreSQL and the embedded SQLite
/// storage), and a job Hangfire gives up on shows as failed instead of running forever.
/// </summary>
public sealed class GenerationJobTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static async Task<Uri> StartAsync(HttpClient client, Guid study, string endpoint)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/admin/studies/{study}/hypotheses/generate", HeldStoryWriter.Request(endpoint));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    private static Task<HypothesisGenerationView> PollAsync(HttpClient client, Uri job, Func<HypothesisGenerationView, bool> until, string what) =>
        Poll.UntilAsync(async () => (await client.GetFromJsonAsync<HypothesisGenerationView>(job, JsonSerializerOptions.Web))!, until, Timeout, what);

    private static bool Ended(HypothesisGenerationView v) => v.Status is GenerationStatus.Succeeded or GenerationStatus.Failed;

    [Fact]
    public async Task AJobStartedOnOneInstanceShowsItsProgressOnTheOther()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var writer = await HeldStoryWriter.StartAsync();
        await using var first = new PlatformFactory(database.ConnectionString);
        var (study, endpoint) = await writer.PrepareAsync(first);
        await using var second = new PlatformFactory(database.ConnectionString);
        using var onFirst = await first.SignInAsync(HeldStoryWriter.Researcher);
        using var onSecond = await second.SignInAsync(HeldStoryWriter.Researcher);

        var job = await StartAsync(onFirst, study, endpoint);
        await writer.Asked.WaitAsync(Timeout);
        var running = await PollAsync(onSecond, job, v => v.Status == GenerationStatus.Running, "the other instance to show the job running");
        writer.Release();
        var done = await PollAsync(onSecond, job, Ended, "the other instance to show the job's end");

        Assert.Equal(("Grouping values by context", 0, 2), (running.Step, running.Done, running.Total));
        Assert.True(done.Status == GenerationStatus.Succeeded, done.Message);
        Assert.Equal((1, 2), (done.Created, done.Done));
        Assert.Equal(done, await onFirst.GetFromJsonAsync<HypothesisGenerationView>(job, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task AJobWhoseServerStopsSaysSoAndStartsAgainWhenAServerIsBackOnPostgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["ConnectionStrings:Platform"] = database.ConnectionString,
        };
        await InterruptedJobStartsAgainAsync(settings);
    }

    [Fact]
    public async Task AJobWhoseServerStopsSaysSoAndStartsAgainWhenAServerIsBackOnTheEmbeddedSqliteStorage()
    {
        var directory = Directory.CreateTempSubdirectory("il-jobs-");
        try
        {
            await InterruptedJobStartsAgainAsync(new Dictionary<string, string?>
            {
                ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
                ["ConnectionStrings:Platform"] = $"Data Source={Path.Combine(directory.FullName, "platform.db")}",
            });
            // Hangfire's own file sits beside the platform's (data/ in the embedded default).
            Assert.True(File.Exists(Path.Combine(directory.FullName, "platform.jobs.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task InterruptedJobStartsAgainAsync(Dictionary<string, string?> settings)
    {
        await using var writer = await HeldStoryWriter.StartAsync();
        Uri job;
        Guid study;
        await using (var stopping = PlatformFactory.WithSettings(settings))
        {
            (study, var endpoint) = await writer.PrepareAsync(stopping);
            using var client = await stopping.SignInAsync(HeldStoryWriter.Researcher);
            job = await StartAsync(client, study, endpoint);
            await writer.Asked.WaitAsync(Timeout);
        }
        // The server stopped in the middle of the job: what its record (every page's source) says now.
        var id = Guid.Parse(job.OriginalString.Split('/')[^1]);
        var interrupted = await StoredAsync(settings, db => db.Jobs.SingleAsync(j => j.Id == id));
        writer.Release();

        await using var restarted = PlatformFactory.WithSettings(settings);
        using var again = await restarted.SignInAsync(HeldStoryWriter.Researcher);
        var done = await PollAsync(again, job, Ended, "the restarted server to finish the job");

        Assert.Equal((JobState.Queued, 1), (interrupted.State, interrupted.Attempts));
        var shown = JsonSerializer.Deserialize<HypothesisGenerationView>(interrupted.ProgressJson!, JobProgress.Json)!;
        Assert.Equal(HypothesisGenerator.InterruptedStep, shown.Step);
        Assert.True(done.Status == GenerationStatus.Succeeded, done.Message);
        Assert.Equal(1, done.Created);
        Assert.StartsWith("Started again after a server restart.", done.Message, StringComparison.Ordinal);
        Assert.Equal(1, await StoredAsync(settings, db => db.WiserHypotheses.CountAsync(h => h.StudyId == study)));
        Assert.Equal(2, await StoredAsync(settings, db => db.Jobs.Where(j => j.Id == id).Select(j => j.Attempts).SingleAsync()));
    }

    [Fact]
    public async Task AJobDeletedOnTheJobsDashboardShowsAsFailedInsteadOfRunningForever()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var writer = await HeldStoryWriter.StartAsync();
        await using var host = new PlatformFactory(database.ConnectionString);
        var (study, endpoint) = await writer.PrepareAsync(host);
        using var client = await host.SignInAsync(HeldStoryWriter.Researcher);
        var job = await StartAsync(client, study, endpoint);
        await writer.Asked.WaitAsync(Timeout);
        var id = Guid.Parse(job.OriginalString.Split('/')[^1]);
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Platform"] = database.ConnectionString };
        var hangfireId = await StoredAsync(settings, db => db.Jobs.Where(j => j.Id == id).Select(j => j.HangfireJobId).SingleAsync());

        Assert.True(host.Services.GetRequiredService<IBackgroundJobClient>().Delete(hangfireId));
        var shown = await PollAsync(client, job, Ended, "the deleted job to show as ended");

        Assert.Equal(GenerationStatus.Failed, shown.Status);
        Assert.Contains("deleted", shown.Message, StringComparison.Ordinal);
        Assert.Equal(JobState.Failed, await StoredAsync(settings, db => db.Jobs.Where(j => j.Id == id).Select(j => j.State).SingleAsync()));
    }

    // Reads the platform database with no host running (as after a crash, before anyone restarts it).
    private static async Task<T> StoredAsync<T>(Dictionary<string, string?> settings, Func<PlatformDbContext, Task<T>> read)
    {
        await using var database = PlatformDatabase.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var options = new DbContextOptionsBuilder<PlatformDbContext>();
        database.Configure(options);
        await using var db = new PlatformDbContext(options.Options);
        return await read(db);
    }
}
