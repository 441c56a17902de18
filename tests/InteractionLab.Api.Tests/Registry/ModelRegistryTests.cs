using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Registry;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Registry;

public sealed class ModelRegistryTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private ModelRegistryService Registry => platform.Factory.Services.GetRequiredService<ModelRegistryService>();

    private static string UniqueName() => "ep-" + Guid.NewGuid().ToString("N")[..8];

    private static ModelEndpointInput Input(string name, string baseUrl, string? key = null, int max = 4, int timeout = 60) => new()
    {
        Name = name, BaseUrl = baseUrl, ApiKey = key, DefaultModels = "gpt-test, hang", MaxConcurrentRequests = max, TimeoutSeconds = timeout,
    };

    [Fact]
    public async Task ApiKeyIsStoredEncryptedAndOnlyReportedAsSet()
    {
        const string secret = "sk-very-secret-0123456789";
        var view = await Registry.CreateAsync(StaffMember.Admin, Input(UniqueName(), "https://api.example.org/v1", secret));

        await using var scope = platform.Scope(out var db);
        var stored = await db.Database.SqlQuery<string>($"SELECT \"ProtectedApiKey\" AS \"Value\" FROM \"ModelEndpoints\" WHERE \"Id\" = {view.Id}").SingleAsync();
        Assert.DoesNotContain(secret, stored);
        Assert.Equal(secret, platform.Factory.Services.GetRequiredService<ModelEndpointKeys>().Unprotect(stored));
        Assert.True(view.ApiKeySet);
        Assert.True((await Registry.ListAsync(StaffMember.Admin)).Single(e => e.Id == view.Id).ApiKeySet);
        var audit = await db.AuditEntries.Where(a => a.Target == view.Name).ToListAsync();
        Assert.Equal("model-endpoint.create", Assert.Single(audit).Action);
        Assert.DoesNotContain(secret, audit[0].Detail);
        Assert.Contains("\"apiKey\":\"set\"", audit[0].Detail);
    }

    [Fact]
    public async Task CreateEditDeleteAreAuditedAdminOnlyAndValidated()
    {
        var name = UniqueName();
        var denied = await Assert.ThrowsAsync<PlatformProblemException>(() => Registry.CreateAsync(StaffMember.Researcher(), Input(name, "https://x.org/v1")));
        Assert.Equal(403, denied.Status);
        var invalid = await Assert.ThrowsAsync<PlatformProblemException>(() => Registry.CreateAsync(StaffMember.Admin, Input("Bad Name!", "ftp://x", max: 0)));
        Assert.Equal(400, invalid.Status);
        Assert.Contains(nameof(ModelEndpointInput.Name), invalid.Errors.Keys);
        Assert.Contains(nameof(ModelEndpointInput.BaseUrl), invalid.Errors.Keys);
        Assert.Contains(nameof(ModelEndpointInput.MaxConcurrentRequests), invalid.Errors.Keys);
        var local = await Assert.ThrowsAsync<PlatformProblemException>(() => Registry.CreateAsync(StaffMember.Admin, Input("local", "https://x.org/v1")));
        Assert.Equal(400, local.Status);

        var created = await Registry.CreateAsync(StaffMember.Admin, Input(name, "https://x.org/v1", "k1"));
        var duplicate = await Assert.ThrowsAsync<PlatformProblemException>(() => Registry.CreateAsync(StaffMember.Admin, Input(name, "https://y.org/v1")));
        Assert.Equal(409, duplicate.Status);
        var edit = created.ToInput();
        edit.BaseUrl = "https://y.org/v1";
        edit.Enabled = false;
        var edited = await Registry.UpdateAsync(StaffMember.Admin, created.Id, edit);
        Assert.Equal("https://y.org/v1", edited.BaseUrl);
        Assert.False(edited.Enabled);
        Assert.True(edited.ApiKeySet); // an empty key field keeps the stored key
        edit.ClearApiKey = true;
        Assert.False((await Registry.UpdateAsync(StaffMember.Admin, created.Id, edit)).ApiKeySet);
        await Registry.DeleteAsync(StaffMember.Admin, created.Id);

        Assert.DoesNotContain(await Registry.ListAsync(StaffMember.Admin), e => e.Id == created.Id);
        await using var scope = platform.Scope(out var db);
        var actions = await db.AuditEntries.Where(a => a.Target == name).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["model-endpoint.create", "model-endpoint.update", "model-endpoint.update", "model-endpoint.delete"], actions);
        Assert.Contains(await db.AuditEntries.Where(a => a.Target == name).Select(a => a.Detail).ToListAsync(), d => d != null && d.Contains("\"apiKey\":\"cleared\""));
    }

    [Fact]
    public async Task ConditionOnARegisteredEndpointIsServedWithItsKeyAndRecordsTokens()
    {
        await using var fake = await HelloModels.StartAsync();
        var name = UniqueName();
        var endpoint = await Registry.CreateAsync(StaffMember.Admin, Input(name, fake.BaseUrl, "key-one"));
        var (slug, _) = await platform.CreateAsync(c => c with
        {
            Conditions = [new ConditionConfig("api", "Chatbot", new ModelRef(name, "gpt-test"), new DecodingSettings { MaxTokens = 20 },
                new PromptTemplate(PromptStyle.Chat, "You are friendly. {scenario}"))],
        });
        var participant = await platform.Factory.ConsentAsync(slug);
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(participant.SessionId, "instructions");
        var dialogue = platform.Factory.Services.GetRequiredService<DialogueService>();

        var reply = string.Concat(await dialogue.StreamReplyAsync(participant.SessionId, "Hi there!").ToListAsync());

        Assert.Equal("Hello there", reply);
        Assert.Equal("Bearer key-one", fake.Authorizations.Last());
        await using (var scope = platform.Scope(out var db))
        {
            var turn = await db.Turns.SingleAsync(t => t.SessionId == participant.SessionId && t.Role == TurnRole.Model);
            Assert.Equal(12, turn.InputTokens);
            Assert.Equal(2, turn.OutputTokens);
            Assert.Equal($"{name}/gpt-test", turn.Model);
        }

        // Editing the endpoint drops the cached client: the next reply goes out with the new key.
        var edit = endpoint.ToInput();
        edit.ApiKey = "key-two";
        await Registry.UpdateAsync(StaffMember.Admin, endpoint.Id, edit);
        await dialogue.StreamReplyAsync(participant.SessionId, "And again?").ToListAsync();
        Assert.Equal("Bearer key-two", fake.Authorizations.Last());
    }

    [Fact]
    public async Task ConcurrencyLimitRefusesWithBusyAndTimeoutCancelsStreamingAndPlainCalls()
    {
        await using var fake = await HelloModels.StartAsync();
        var name = UniqueName();
        await Registry.CreateAsync(StaffMember.Admin, Input(name, fake.BaseUrl, max: 1, timeout: 1));
        var clients = platform.Factory.Services.GetRequiredService<ChatClientRegistry>();
        var client = clients.Get(name, "hang");

        // The first stream holds the only slot while its reader has not finished with it.
        await using var first = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]).GetAsyncEnumerator();
        Assert.True(await first.MoveNextAsync());
        Assert.Equal("Hello", first.Current.Text);
        Assert.Equal(1, clients.LimitsOf(name)!.InFlight);

        var busy = await Assert.ThrowsAsync<PlatformProblemException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "me too")]));
        Assert.Equal(503, busy.Status);
        Assert.Contains("already runs 1 request", busy.Detail);

        // The endpoint never finishes: after the timeout the stream is cancelled with a clear problem.
        var timedOut = await Assert.ThrowsAsync<PlatformProblemException>(async () => await first.MoveNextAsync());
        Assert.Equal(504, timedOut.Status);
        await first.DisposeAsync();
        Assert.Equal(0, clients.LimitsOf(name)!.InFlight);

        var plain = await Assert.ThrowsAsync<PlatformProblemException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));
        Assert.Equal(504, plain.Status);
        Assert.Equal(0, clients.LimitsOf(name)!.InFlight);
    }

    [Fact]
    public async Task ATimedOutReplyIsRecordedAsAFailureOfTheTurn()
    {
        await using var fake = await HelloModels.StartAsync();
        var name = UniqueName();
        await Registry.CreateAsync(StaffMember.Admin, Input(name, fake.BaseUrl, timeout: 1));
        var (slug, _) = await platform.CreateAsync(c => c with
        {
            Conditions = [new ConditionConfig("slow", "Chatbot", new ModelRef(name, "hang"), new DecodingSettings { MaxTokens = 20 },
                new PromptTemplate(PromptStyle.Chat, "You are friendly."))],
        });
        var participant = await platform.Factory.ConsentAsync(slug);
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(participant.SessionId, "instructions");

        var failed = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            platform.Factory.Services.GetRequiredService<DialogueService>().StreamReplyAsync(participant.SessionId, "Hello?").ToListAsync().AsTask());

        Assert.Equal(502, failed.Status);
        await using var check = platform.Scope(out var db);
        var turns = await db.Turns.Where(t => t.SessionId == participant.SessionId).OrderBy(t => t.Index).ToListAsync();
        Assert.Equal("Hello?", turns[0].Text); // the participant's message is kept
        Assert.Equal("error", turns[1].FinishReason); // the piece that arrived is saved, marked as failed
        var finish = await db.TraceEvents.SingleAsync(e => e.SessionId == participant.SessionId && e.Type == "model.finish");
        Assert.Contains("\"reason\":\"error\"", finish.Payload.Replace(" ", ""));
        Assert.Contains("PlatformProblemException", finish.Payload);
    }

    [Fact]
    public async Task HealthCheckReportsModelsAndLatencyOrWhatWentWrong()
    {
        await using var fake = await HelloModels.StartAsync();
        var good = await Registry.CreateAsync(StaffMember.Admin, Input(UniqueName(), fake.BaseUrl, "hk"));
        var bad = await Registry.CreateAsync(StaffMember.Admin, Input(UniqueName(), "http://127.0.0.1:1/v1"));

        var ok = await Registry.CheckHealthAsync(StaffMember.Admin, good.Name);
        var down = await Registry.CheckHealthAsync(StaffMember.Admin, bad.Name);
        var local = await Registry.CheckHealthAsync(StaffMember.Admin, LanguageModelOptions.LocalEndpoint);

        Assert.True(ok.Ok);
        Assert.Contains("gpt-test", ok.Models);
        Assert.True(ok.LatencyMs > 0);
        Assert.Equal("Bearer hk", fake.Authorizations.Last());
        Assert.False(down.Ok);
        Assert.Contains("could not be reached", down.Message);
        Assert.True(local.Ok);
        Assert.Contains("demo-chat", local.Models);
        Assert.Contains(Registry.ListReadOnly(StaffMember.Admin), m => m.Endpoint == "local" && m.Model == "demo-chat" && m.Origin == "in-process");
    }

    [Fact]
    public async Task TestPromptStreamsTheReply()
    {
        await using var fake = await HelloModels.StartAsync();
        var endpoint = await Registry.CreateAsync(StaffMember.Admin, Input(UniqueName(), fake.BaseUrl));

        var pieces = await Registry.StreamTestPromptAsync(StaffMember.Admin, endpoint.Name, "gpt-test", "Say hello").ToListAsync();

        Assert.Equal(["Hello", " there"], pieces);
    }
}
