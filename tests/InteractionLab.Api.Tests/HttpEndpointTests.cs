using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Inference;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

/// <summary>
/// The gateway's HTTP paths against a real OpenAI-compatible server (our standalone Inference service on a real
/// port): completion style through <c>/v1/completions</c> with SSE, chat style through the OpenAI client.
/// </summary>
public sealed class HttpEndpointTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly string _models = Path.Combine(Path.GetTempPath(), "il-http-models-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication _inference = null!;
    private PlatformFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _inference = InferenceServer.Build(["--urls", "http://127.0.0.1:0", "--Inference:GenerateDemoModels=true",
            "--Logging:LogLevel:Default=Warning"], _models);
        await _inference.StartAsync();
        var address = _inference.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _factory = new PlatformFactory(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["LanguageModels:Endpoints:gpu:BaseUrl"] = address + "/v1",
            ["LanguageModels:Endpoints:gpu:Style"] = "Completion",
            ["LanguageModels:Endpoints:gpuchat:BaseUrl"] = address + "/v1",
            ["LanguageModels:Endpoints:gpuchat:Style"] = "Chat",
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _inference.DisposeAsync();
        await _database.DisposeAsync();
        try { Directory.Delete(_models, recursive: true); } catch (IOException) { }
    }

    private async Task<string> ReplyViaAsync(string endpoint, PromptTemplate prompt)
    {
        var config = DemoStudy.Config();
        config = config with
        {
            Conditions = config.Conditions.Select(c => c with { Model = new ModelRef(endpoint, "demo-chat"), Prompt = prompt }).ToList(),
        };
        Guid studyId;
        await using (var scope = _factory.Services.CreateAsyncScope())
            studyId = (await PlatformSeeder.CreateStudyAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(),
                "http-" + endpoint, "tester", config, StudyStatus.Open, TimeProvider.System)).Id;
        var participant = await _factory.ConsentAsync("http-" + endpoint);
        await using (var scope = _factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Sessions.ParticipantSessionService>().CompleteStageAsync(participant.SessionId, "instructions");

        var pieces = new List<string>();
        await foreach (var piece in _factory.Services.GetRequiredService<DialogueService>().StreamReplyAsync(participant.SessionId, "Hi there"))
            pieces.Add(piece);

        await using var check = _factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var reply = await db.Turns.SingleAsync(t => t.SessionId == participant.SessionId && t.Role == TurnRole.Model);
        Assert.Equal($"{endpoint}/demo-chat", reply.Model);
        Assert.Contains(reply.FinishReason, new[] { "stop", "length" });
        Assert.Equal(string.Concat(pieces).Trim(), reply.Text);
        Assert.NotNull(reply.TotalMs);
        return reply.Text;
    }

    [Fact]
    public async Task CompletionStylePromptStreamsThroughTheCompletionsEndpoint() =>
        await ReplyViaAsync("gpu", DemoStudy.Config().Conditions[0].Prompt);

    [Fact]
    public async Task ChatStylePromptStreamsThroughTheOpenAiChatClient() =>
        await ReplyViaAsync("gpuchat", new PromptTemplate(PromptStyle.Chat, "You are a friendly chatbot. Scenario: {scenario}"));
}
