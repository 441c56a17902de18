using InteractionLab.Api.Monitoring;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Api.Tracing;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Monitoring;

/// <summary>The live dashboard's notifier fires when a participant's data is saved, through the real write paths.</summary>
public sealed class StudyActivityTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private StudyActivity Activity => platform.Factory.Services.GetRequiredService<StudyActivity>();

    /// <summary>Completes when the next change of <paramref name="studyId"/> is published (subscribed before the caller acts).</summary>
    private Task NextChange(Guid studyId)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = Activity.Subscribe(studyId, () => { changed.TrySetResult(); return Task.CompletedTask; });
        return changed.Task.WaitAsync(Patience).ContinueWith(t => { subscription.Dispose(); return t; }).Unwrap();
    }

    [Fact]
    public async Task ConsentStageChangesAndSurveyAnswersEachPublishTheirStudy()
    {
        var (slug, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open, TestStudies.WithoutChat);

        var consented = NextChange(id);
        var participant = await platform.Factory.ConsentAsync(slug);
        await consented;

        await using var hub = platform.Factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();
        var staged = NextChange(id);
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        await staged;
        var marked = NextChange(id);
        await hub.InvokeAsync<SessionView>("SubmitSurvey", "marks", Array.Empty<SurveyAnswer>());
        await marked;

        var answered = NextChange(id);
        SurveyAnswer[] rating = [new("talk-again", "4"), new("fluency", "5"), new("sensible", "3"), new("specific", "2"), new("enjoyment", "4")];
        var view = await hub.InvokeAsync<SessionView>("SubmitSurvey", "rating", rating);
        await answered;
        Assert.Equal("debrief", view.Stage.Key);
    }

    [Fact]
    public async Task BrowserTraceEventsPublishTheirStudyThoughTheyBypassEfCore()
    {
        var (slug, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open, TestStudies.WithoutChat);
        var participant = await platform.Factory.ConsentAsync(slug);
        await using var hub = platform.Factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();

        var traced = NextChange(id);
        var ack = await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 5));
        await traced;
        Assert.Equal(5, ack.Inserted);
    }

    [Fact]
    public async Task AParticipantsMessageAndTheModelsReplyPublishTheirStudy()
    {
        var (slug, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open);
        var participant = await platform.Factory.ConsentAsync(slug);
        await using var hub = platform.Factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");

        var turned = NextChange(id);
        await foreach (var _ in hub.StreamAsync<string>("StreamReply", "Hello!").WithCancellation(new CancellationTokenSource(Patience).Token)) { }
        await turned;
    }

    [Fact]
    public async Task AnotherStudysActivityDoesNotWakeThisStudysDashboard()
    {
        var (_, quiet) = await platform.CreateStudyAsync("rita", StudyStatus.Open, TestStudies.WithoutChat);
        var (busySlug, busy) = await platform.CreateStudyAsync("rita", StudyStatus.Open, TestStudies.WithoutChat);
        var quietCalls = 0;
        using var _ = Activity.Subscribe(quiet, () => { Interlocked.Increment(ref quietCalls); return Task.CompletedTask; });

        var busyChanged = NextChange(busy);
        await platform.Factory.ConsentAsync(busySlug);
        await busyChanged;
        // The quiet study's debounce window has passed too by the time the busy one's fired.
        var quietChanged = NextChange(quiet);
        Activity.StudyChanged(quiet);
        await quietChanged;

        Assert.Equal(1, Volatile.Read(ref quietCalls));
    }
}
