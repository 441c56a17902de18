using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph.Interview;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;
using InteractionLab.Testing.LanguageModel;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.MoralGraph.Interview;

/// <summary>The platform fixture with the scripted interviewer (<see cref="Model"/> playing <see cref="Interviewer"/>)
/// registered as endpoint <c>scripted</c>.</summary>
public sealed class InterviewPlatform : PlatformFixture
{
    public static readonly ModelRef Scripted = new("scripted", "interviewer");
    public static readonly ModelRef Local = new("local", "demo-chat");

    public ScriptedOpenAiServer Model { get; private set; } = null!;
    public InterviewerScript Interviewer { get; } = new();

    protected override async Task<IDictionary<string, string?>> StartDependenciesAsync()
    {
        Model = await ScriptedOpenAiServer.StartAsync(Interviewer.AddTo);
        return new Dictionary<string, string?> { ["LanguageModels:Endpoints:scripted:BaseUrl"] = Model.BaseUrl };
    }

    protected override ValueTask StopDependenciesAsync() => Model.DisposeAsync();

    public InterviewService Interviews => Factory.Services.GetRequiredService<InterviewService>();

    /// <summary>An open interview study on <paramref name="model"/> owned by <paramref name="owner"/>.</summary>
    public async Task<(string Slug, Guid Id)> StudyAsync(ModelRef model, string owner = "tester", IReadOnlyDictionary<string, string>? settings = null)
    {
        var slug = "i" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = Scope(out var db);
        var study = await PlatformSeeder.CreateStudyAsync(db, slug, owner, InterviewStudy.Config(model, settings), StudyStatus.Open, TimeProvider.System);
        return (slug, study.Id);
    }

    /// <summary>A consented participant of <paramref name="slug"/>, on the interview stage.</summary>
    public async Task<SessionId> ParticipantAsync(string slug)
    {
        var participant = await Factory.ConsentAsync(slug);
        await using var scope = Factory.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<ParticipantSessionService>();
        var view = await sessions.GetSessionAsync(participant.SessionId);
        Assert.Equal(InterviewStudy.StageKey, view.Stage.Key);
        return participant.SessionId;
    }

    /// <summary>Sends a message and returns the streamed text and whether a card was shown / submitted.</summary>
    public async Task<(string Text, bool CardShown, bool Submitted)> SendAsync(SessionId id, Guid chat, string message)
    {
        var text = new System.Text.StringBuilder();
        bool shown = false, submitted = false;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var update in Interviews.SendAsync(id, InterviewStudy.StageKey, chat, message, patience.Token))
        {
            text.Append(update.Text);
            shown |= update.CardShown;
            submitted |= update.Submitted;
        }
        return (text.ToString(), shown, submitted);
    }
}
