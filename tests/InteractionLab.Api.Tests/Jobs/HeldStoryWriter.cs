using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Tests.MoralGraph;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using InteractionLab.Testing.LanguageModel;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Jobs;

/// <summary>
/// A story-writing model (the scripted OpenAI-compatible server) that holds its answer to the grouping step until the
/// test lets it go, so a generation job can be watched, stopped or deleted while it is under way; and the study it
/// writes for: one researcher, three values of question q1, the endpoint registered.
/// </summary>
public sealed class HeldStoryWriter : IAsyncDisposable
{
    /// <summary>The researcher who owns the study.</summary>
    public const string Researcher = "rhea";

    private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ScriptedOpenAiServer _server = null!;

    /// <summary>Completes when the job is waiting for the grouping answer.</summary>
    public Task Asked => _asked.Task;

    /// <summary>Lets the grouping answer (and every later one) go.</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>Starts the model server.</summary>
    public static async Task<HeldStoryWriter> StartAsync()
    {
        var writer = new HeldStoryWriter();
        writer._server = await ScriptedOpenAiServer.StartAsync(server => server.Otherwise(writer.ReplyAsync));
        return writer;
    }

    private async Task<ScriptedReply> ReplyAsync(ChatCall call, CancellationToken aborted)
    {
        if (!call.System.Contains("list the ids of the cards", StringComparison.Ordinal))
            return """{"hypotheses": [{"fromValueId": "a", "toValueId": "b", "story": "I used to shield my sister from every risk. Now I give her room."}]}""";
        _asked.TrySetResult();
        await _release.Task.WaitAsync(aborted);
        return """{"contexts": [{"context": "When in distress", "valueIds": ["a", "b", "c"]}]}""";
    }

    /// <summary>The study (with values) and the endpoint's name, created through <paramref name="host"/>.</summary>
    public async Task<(Guid Study, string Endpoint)> PrepareAsync(PlatformFactory host)
    {
        await host.CreateUserAsync(Researcher, InteractionLab.Api.Staff.StaffRoles.Researcher);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var study = await PlatformSeeder.CreateStudyAsync(db, "j" + Guid.NewGuid().ToString("N")[..12], Researcher, DemoStudy.Config(), StudyStatus.Draft, TimeProvider.System);
        await scope.ServiceProvider.GetRequiredService<MoralGraphService>().ImportAsync(StaffPlatform.User(Researcher), study.Id, HypothesisTests.Values);
        var endpoint = "held" + Guid.NewGuid().ToString("N")[..8];
        db.ModelEndpoints.Add(new ModelEndpoint { Name = endpoint, BaseUrl = _server.BaseUrl, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return (study.Id, endpoint);
    }

    /// <summary>The request that starts a job on the study's question q1 (one context given, so two model calls).</summary>
    public static HypothesisGenerationRequest Request(string endpoint) => new("q1", endpoint, "writer", ["When in distress"]);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Release();
        return _server.DisposeAsync();
    }
}
