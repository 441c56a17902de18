using System.Runtime.CompilerServices;
using System.Threading.Channels;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Web.Participant;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Web.Tests.Fakes;

/// <summary>An in-memory platform: one study, sessions held as snapshots, replies fed token by token by the test.</summary>
public sealed class FakeJourney : IParticipantJourney
{
    public StudyLanding? Landing { get; set; }
    public Dictionary<SessionId, SessionSnapshot> Sessions { get; } = [];
    public Channel<string> ReplyTokens { get; private set; } = Channel.CreateUnbounded<string>();
    public List<(SessionId Session, string Stage, SurveyAnswers Answers)> Submissions { get; } = [];
    public Func<SurveyAnswers, IReadOnlyDictionary<string, string>> Validate { get; set; } = _ => new Dictionary<string, string>();
    public List<string> Sent { get; } = [];
    public bool StopObserved { get; private set; }
    private CancellationTokenSource stop = new();
    public SessionId? CookieSession { get; set; }

    public bool TryReadParticipantCookie(HttpRequest request, string slug, out InteractionLab.Api.Sessions.ParticipantPass pass)
    {
        pass = new InteractionLab.Api.Sessions.ParticipantPass(CookieSession ?? default, slug, CookieSession is null ? null : "ABCDE-FGHJK");
        return CookieSession is not null;
    }

    /// <summary>Task sessions the test hands out by stage key.</summary>
    public Dictionary<string, InteractionLab.Api.Tasks.ITaskSession> TaskSessions { get; } = [];

    public Task<InteractionLab.Api.Tasks.ITaskSession> OpenTaskAsync(SessionId session, string stageKey, CancellationToken ct) =>
        Task.FromResult(TaskSessions[stageKey]);

    public Task<StudyLanding?> GetLandingAsync(string slug, CancellationToken ct) =>
        Task.FromResult(Landing?.Slug == slug ? Landing : null);

    public Task<SessionSnapshot?> GetSessionAsync(SessionId session, CancellationToken ct) =>
        Task.FromResult(Sessions.GetValueOrDefault(session));

    public string? RefuseToCompleteWith { get; set; }

    public Task<SessionSnapshot> CompleteStageAsync(SessionId session, string stageKey, CancellationToken ct) =>
        RefuseToCompleteWith is { } refusal
            ? Task.FromException<SessionSnapshot>(new ParticipantProblemException(refusal))
            : Task.FromResult(Sessions[session] = Next(Sessions[session]));

    public List<(string Stage, SurveyAnswers? Answers)> TimeOuts { get; } = [];

    public Task<SessionSnapshot> TimeOutStageAsync(SessionId session, string stageKey, SurveyAnswers? answers, CancellationToken ct)
    {
        TimeOuts.Add((stageKey, answers));
        return Task.FromResult(Sessions[session] = Next(Sessions[session]));
    }

    public async IAsyncEnumerable<string> SendMessageAsync(SessionId session, string text, [EnumeratorCancellation] CancellationToken ct,
        Action? queued = null)
    {
        Sent.Add(text);
        var s = Sessions[session];
        var turns = s.Turns.ToList();
        turns.Add(new ChatTurn(turns.Count, TurnRole.Participant, text));
        var reply = "";
        var stopped = false;
        while (true)
        {
            string token;
            try
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, stop.Token);
                if (!await ReplyTokens.Reader.WaitToReadAsync(either.Token)) break;
                token = await ReplyTokens.Reader.ReadAsync(either.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                StopObserved = stopped = true;
                stop = new CancellationTokenSource();
                break;
            }
            reply += token;
            yield return token;
        }
        turns.Add(new ChatTurn(turns.Count, TurnRole.Model, reply, stopped));
        Sessions[session] = s with { Turns = turns };
        ReplyTokens = Channel.CreateUnbounded<string>();
    }

    public void StopReply(SessionId session) => stop.Cancel();

    // Like the platform's follower: the running reply's text as the server reports it, until it is no longer running.
    public async IAsyncEnumerable<string> FollowReplyAsync(SessionId session, [EnumeratorCancellation] CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        string? last = null;
        while (Sessions.GetValueOrDefault(session) is { ReplyInProgress: true } running)
        {
            if (running.PartialReply is { } text && text != last) yield return last = text;
            await timer.WaitForNextTickAsync(ct);
        }
    }

    public Task<SurveyOutcome> SubmitSurveyAsync(SessionId session, string stageKey, SurveyAnswers answers, CancellationToken ct)
    {
        Submissions.Add((session, stageKey, answers));
        var errors = Validate(answers);
        return Task.FromResult(errors.Count > 0
            ? new SurveyOutcome(errors, null)
            : new SurveyOutcome(errors, Sessions[session] = Next(Sessions[session])));
    }

    private static SessionSnapshot Next(SessionSnapshot s)
    {
        var index = s.StageIndex + 1;
        var stage = SampleStudy.Stages[index];
        var done = stage.Kind == Domain.Studies.StageKind.Debrief;
        return s with
        {
            StageIndex = index,
            Stage = stage,
            Status = done ? SessionStatus.Completed : s.Status,
            Completion = done ? new CompletionInfo("C0DE42", "https://app.prolific.com/submissions/complete?cc=C0DE42") : null,
        };
    }
}
