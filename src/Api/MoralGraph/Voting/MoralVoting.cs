using System.Globalization;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.MoralGraph;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.MoralGraph.Voting;

/// <summary>
/// The server side of a <see cref="MoralVotingTask"/> stage, used by its participant component through the stage's
/// <see cref="ITaskSession"/>. What the participant has done is read from the stage's events (so a reload resumes
/// exactly); which story comes next is <see cref="HypothesisExposure.ChooseNext"/> over the study's approved
/// hypotheses: fewest impressions first, never one this participant was shown before (in any of their sessions),
/// and — unless the stage turns it off — never one that starts or ends at the participant's own value (they would
/// judge their own card). Votes are stored as <see cref="WiserVoteRecord"/> (source interview, voter key = the
/// participant id, batch = the setting or the study version) before the <c>voting.vote</c> event. The builder's
/// preview runs the same rules over three built-in sample stories and stores nothing.
/// </summary>
public sealed class MoralVoting(IDbContextFactory<PlatformDbContext> dbFactory, TimeProvider time)
{
    /// <summary>A story was shown.</summary>
    public const string ShownEvent = "voting.shown";
    /// <summary>A story was judged.</summary>
    public const string VoteEvent = "voting.vote";
    /// <summary>No story was left to show.</summary>
    public const string NoneLeftEvent = "voting.none-left";
    /// <summary>The participant's value's position was shown.</summary>
    public const string PositionShownEvent = "voting.position-shown";
    /// <summary>The participant judged the fairness of that position.</summary>
    public const string PositionEvent = "voting.position";
    /// <summary>The participant has a value but the graph had no edge yet, so no position was shown or asked about.</summary>
    public const string PositionUnavailableEvent = "voting.position-unavailable";
    /// <summary>Longest "why" kept.</summary>
    public const int MaxReasonLength = 2000;

    private static readonly Lazy<PreviewData> Preview = new(PreviewData.Load);

    /// <summary>
    /// What the stage shows now: the story being judged (choosing and recording the next one when none is open), or,
    /// once voting is over, the participant's value's position. Safe to call again after a reload.
    /// </summary>
    public async Task<VotingState> StateAsync(ITaskSession session, CancellationToken ct = default)
    {
        var progress = VotingProgress.From(await session.ReadEventsAsync(ct), session.Task);
        var pool = await LoadAsync(session, progress, ct);
        if (progress.VotesLeft > 0)
        {
            var current = progress.Current is { } open ? pool.Story(open) : null;
            current ??= await ShowNextAsync(session, pool, progress, ct);
            progress = VotingProgress.From(await session.ReadEventsAsync(ct), session.Task);
            if (current is not null) return new VotingState(progress, current, null);
        }
        if (progress.PositionAnswered || progress.PositionUnavailable || !session.Task.BoolSetting(MoralVotingTask.AskPositionSetting, true))
            return new VotingState(progress, null, null);
        var position = pool.Position(out var noEdges);
        // Before any story was judged wiser there is no graph to stand in, only a tie of every value: nothing is shown or
        // asked, and that is recorded so a reload (or votes arriving later) does not bring the question back.
        if (position is null && noEdges && !progress.PositionShown)
        {
            await session.RecordAsync(PositionUnavailableEvent, new { valueId = pool.OwnValueId, reason = "no-edges" }, ct);
            return new VotingState(progress with { PositionUnavailable = true }, null, null);
        }
        if (position is not null && !progress.PositionShown)
        {
            await session.RecordAsync(PositionShownEvent, new { valueId = position.ValueId, position = position.Position, of = position.Of, tiedWith = position.TiedWith }, ct);
            progress = progress with { PositionShown = true };
        }
        return new VotingState(progress, null, position);
    }

    /// <summary>
    /// Stores the participant's judgement of the story they were shown and returns the next state. Voting twice on
    /// the same story (a resubmission after a reload) stores it once. 400 for a story not shown to them or a long why.
    /// </summary>
    public async Task<VotingState> VoteAsync(ITaskSession session, long hypothesisId, VoteChoice choice, string? reason, CancellationToken ct = default)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why?.Length > MaxReasonLength)
            throw PlatformProblemException.BadInput($"Please keep your reason under {MaxReasonLength} characters (it has {why.Length}).");
        var progress = VotingProgress.From(await session.ReadEventsAsync(ct), session.Task);
        if (!progress.ShownIds.Contains(hypothesisId))
            throw PlatformProblemException.BadInput("This story was not shown to you; reload the page to see your current story.");
        if (!progress.VotedIds.Contains(hypothesisId))
        {
            var pool = await LoadAsync(session, progress, ct);
            var story = pool.Hypothesis(hypothesisId)
                ?? throw PlatformProblemException.Conflict("This story was withdrawn by the researchers while you read it; reload the page for the next one.");
            await pool.StoreVoteAsync(story, choice, why, time.GetUtcNow(), ct);
            await session.RecordAsync(VoteEvent, new
            {
                hypothesisId, fromValueId = story.FromValueId, toValueId = story.ToValueId, choice = ChoiceName(choice), reason = why,
            }, ct);
        }
        return await StateAsync(session, ct);
    }

    /// <summary>Records whether the participant finds their value's position fair (1–5) and why; 400 outside 1–5.</summary>
    public async Task<VotingState> AnswerPositionAsync(ITaskSession session, int fair, string? why, CancellationToken ct = default)
    {
        if (fair is < 1 or > 5) throw PlatformProblemException.BadInput("Choose how fair the position is, from 1 (very unfair) to 5 (very fair).");
        var text = string.IsNullOrWhiteSpace(why) ? null : why.Trim();
        if (text?.Length > MaxReasonLength)
            throw PlatformProblemException.BadInput($"Please keep your reason under {MaxReasonLength} characters (it has {text.Length}).");
        var state = await StateAsync(session, ct);
        if (state.Position is null) throw PlatformProblemException.Conflict("There is no value of yours to judge the position of.");
        if (!state.Progress.PositionAnswered)
            await session.RecordAsync(PositionEvent, new { valueId = state.Position.ValueId, fair, why = text }, ct);
        return await StateAsync(session, ct);
    }

    /// <summary>The stored name of a choice (as in the import format).</summary>
    public static string ChoiceName(VoteChoice choice) => choice switch
    {
        VoteChoice.Wiser => "wiser",
        VoteChoice.NotWiser => "notWiser",
        _ => "unsure",
    };

    private async Task<VotingStory?> ShowNextAsync(ITaskSession session, Pool pool, VotingProgress progress, CancellationToken ct)
    {
        var seen = pool.SeenElsewhere.Concat(progress.ShownIds).Select(Key).ToHashSet(StringComparer.Ordinal);
        var candidates = pool.Approved.Where(h => pool.Eligible(h)).Select(h => new EdgeHypothesis(Key(h.Id), h.FromValueId, h.ToValueId, h.Context, h.Story)).ToList();
        var impressions = pool.Approved.ToDictionary(h => Key(h.Id), h => h.Impressions, StringComparer.Ordinal);
        // Seeded per participant and step: a replay of the same state picks the same story.
        var next = HypothesisExposure.ChooseNext(candidates, seen, impressions, new Random(unchecked(session.Seed + progress.ShownIds.Count)));
        if (next is null)
        {
            if (!progress.NoneLeft) await session.RecordAsync(NoneLeftEvent, new { votes = progress.VotedIds.Count }, ct);
            return null;
        }
        var id = long.Parse(next.Id, CultureInfo.InvariantCulture);
        var h = pool.Hypothesis(id)!;
        await pool.CountImpressionAsync(id, ct);
        await session.RecordAsync(ShownEvent, new { hypothesisId = id, fromValueId = h.FromValueId, toValueId = h.ToValueId, context = h.Context }, ct);
        return pool.Story(id);
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<Pool> LoadAsync(ITaskSession session, VotingProgress progress, CancellationToken ct)
    {
        var task = session.Task;
        var skipOwn = task.BoolSetting(MoralVotingTask.SkipOwnSetting, true);
        if (session.IsPreview) return Preview.Value.Pool(await session.ReadEventsAsync(ct));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Sessions.AsNoTracking().Where(x => x.Id == session.Session)
            .Select(x => new { x.StudyId, x.ParticipantId, x.StudyVersionId }).SingleOrDefaultAsync(ct) ?? throw PlatformProblemException.SessionNotFound();
        var own = await db.ValuesCards.AsNoTracking().Where(c => c.StudyId == s.StudyId && c.AuthorParticipantId == s.ParticipantId)
            .OrderBy(c => c.Id).Select(c => new { c.ValueId, c.QuestionId }).ToListAsync(ct);
        var question = task.Setting(MoralVotingTask.QuestionSetting, "") is { Length: > 0 } q ? q : own.FirstOrDefault()?.QuestionId;
        var batch = task.Setting(MoralVotingTask.BatchSetting, "");
        if (batch.Length == 0)
            batch = "v" + (await db.StudyVersions.Where(v => v.Id == s.StudyVersionId).Select(v => v.Number).SingleAsync(ct)).ToString(CultureInfo.InvariantCulture);

        var approved = db.WiserHypotheses.AsNoTracking().Where(h => h.StudyId == s.StudyId && h.Status == HypothesisStatus.Approved);
        if (question is not null) approved = approved.Where(h => h.QuestionId == question);
        var hypotheses = await approved.OrderBy(h => h.Id).ToListAsync(ct);
        var voter = s.ParticipantId.ToString();
        // Seen in any of the participant's sessions of this study (another stage, an earlier session), or voted on.
        var shownPayloads = await db.TraceEvents.AsNoTracking()
            .Where(e => e.Origin == TraceOrigin.Server && e.Type == ShownEvent && e.SessionId != session.Session)
            .Join(db.Sessions.Where(x => x.StudyId == s.StudyId && x.ParticipantId == s.ParticipantId), e => e.SessionId, x => x.Id, (e, x) => e.Payload)
            .ToListAsync(ct);
        var seen = shownPayloads.Select(p => TaskEventLog.Parse(p)).Where(p => p.TryGetProperty("hypothesisId", out _))
            .Select(p => p.GetProperty("hypothesisId").GetInt64()).ToHashSet();
        seen.UnionWith(await db.WiserVotes.AsNoTracking().Where(v => v.StudyId == s.StudyId && v.VoterKey == voter && v.HypothesisId != null)
            .Select(v => v.HypothesisId!.Value).ToListAsync(ct));

        var ownValue = question is null ? own.FirstOrDefault() : own.FirstOrDefault(o => o.QuestionId == question);
        var cards = await db.ValuesCards.AsNoTracking().Where(c => c.StudyId == s.StudyId && (question == null || c.QuestionId == question))
            .OrderBy(c => c.Id).ToListAsync(ct);
        var canonical = cards.DistinctBy(c => c.ValueId).Select(c => new CanonicalValue(c.ValueId, c.QuestionId,
            new ValuesCard(c.Title, c.Description, JsonSerializer.Deserialize<string[]>(c.PoliciesJson) ?? []))).ToList();
        List<WiserVote> votes = [];
        if (ownValue is not null)
            votes = await db.WiserVotes.AsNoTracking().Where(v => v.StudyId == s.StudyId && v.QuestionId == ownValue.QuestionId)
                .Select(v => new WiserVote(v.VoterKey, v.FromValueId, v.ToValueId, v.Choice, v.Context, v.Reason, v.CastAt, v.Batch)).ToListAsync(ct);

        return new Pool(hypotheses, canonical, seen, skipOwn ? own.Select(o => o.ValueId).ToHashSet(StringComparer.Ordinal) : [],
            ownValue?.ValueId, ownValue?.QuestionId, votes,
            async (h, choice, why, at, c) =>
            {
                await using var wdb = await dbFactory.CreateDbContextAsync(c);
                if (await wdb.WiserVotes.AnyAsync(v => v.StudyId == s.StudyId && v.VoterKey == voter && v.HypothesisId == h.Id, c)) return;
                wdb.WiserVotes.Add(new WiserVoteRecord
                {
                    StudyId = s.StudyId, FromValueId = h.FromValueId, ToValueId = h.ToValueId, Context = h.Context, Choice = choice, Reason = why,
                    VoterKey = voter, QuestionId = h.QuestionId, Batch = batch, CastAt = at, Source = MoralGraphSource.Interview, HypothesisId = h.Id,
                });
                try
                {
                    await wdb.SaveChangesAsync(c);
                }
                catch (DbUpdateException)
                {
                    // A second tab may have stored the same vote a moment earlier; one is enough.
                    if (!await VotedAsync(h.Id, s.StudyId, voter, c)) throw;
                }
            },
            async (id, c) =>
            {
                await using var wdb = await dbFactory.CreateDbContextAsync(c);
                await wdb.WiserHypotheses.Where(h => h.Id == id)
                    .ExecuteUpdateAsync(u => u.SetProperty(h => h.Impressions, h => h.Impressions + 1), c);
            });
    }

    private async Task<bool> VotedAsync(long id, Guid study, string voter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WiserVotes
            .AnyAsync(v => v.StudyId == study && v.VoterKey == voter && v.HypothesisId == id, ct);
    }

    /// <summary>What the rules need, loaded once per call: approved stories, cards, what the participant saw, their value.</summary>
    private sealed class Pool(
        IReadOnlyList<WiserHypothesis> approved,
        IReadOnlyList<CanonicalValue> values,
        IReadOnlySet<long> seenElsewhere,
        IReadOnlySet<string> excludedValues,
        string? ownValueId,
        string? ownQuestion,
        IReadOnlyList<WiserVote> votes,
        Func<WiserHypothesis, VoteChoice, string?, DateTimeOffset, CancellationToken, Task> storeVote,
        Func<long, CancellationToken, Task> countImpression)
    {
        private readonly Dictionary<string, CanonicalValue> _values = values.ToDictionary(v => v.Id, StringComparer.Ordinal);

        public IReadOnlyList<WiserHypothesis> Approved => approved;
        public IReadOnlySet<long> SeenElsewhere => seenElsewhere;

        public bool Eligible(WiserHypothesis h) =>
            _values.ContainsKey(h.FromValueId) && _values.ContainsKey(h.ToValueId)
            && !excludedValues.Contains(h.FromValueId) && !excludedValues.Contains(h.ToValueId);

        public WiserHypothesis? Hypothesis(long id) => approved.FirstOrDefault(h => h.Id == id);

        public VotingStory? Story(long id) =>
            Hypothesis(id) is { } h && _values.TryGetValue(h.FromValueId, out var from) && _values.TryGetValue(h.ToValueId, out var to)
                ? new VotingStory(h.Id, h.Context, h.Story, from.Card, to.Card)
                : null;

        public Task StoreVoteAsync(WiserHypothesis h, VoteChoice choice, string? why, DateTimeOffset at, CancellationToken ct) => storeVote(h, choice, why, at, ct);
        public Task CountImpressionAsync(long id, CancellationToken ct) => countImpression(id, ct);

        public string? OwnValueId => ownValueId;

        // Ranks equal up to rounding are a tie: the position is 1 + the values ranked strictly higher (competition
        // ranking, "1, 2, 2, 4"), and only those are named as above theirs, so the page never contradicts itself.
        public ValuePosition? Position(out bool noEdges)
        {
            noEdges = false;
            if (ownValueId is null || ownQuestion is null || !_values.TryGetValue(ownValueId, out var own)) return null;
            // Every value of the question has a place here (all listed, ranked by WiserPageRank), so the participant's own
            // value is placed even before any edge touches it. Edges need the published likelihood and entropy but only one
            // "wiser" vote: the participant has just voted, and with the published two a pilot (or the builder's preview,
            // which counts only its own votes) could never show a place at all.
            var graph = MoralGraphBuilder.Build(values.Where(v => v.QuestionId == ownQuestion), votes, new MoralGraphFilter(ownQuestion),
                MoralGraphOptions.Published with
                {
                    Values = ValueListing.All, Ranking = GraphRanking.Wiser,
                    Thresholds = GraphThresholds.Default with { MinWiserVotes = 1 },
                });
            noEdges = graph.Edges.Count == 0;
            if (noEdges || graph.Values.FirstOrDefault(v => v.Id == ownValueId) is not { } mine) return null;
            bool Tie(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
            var higher = graph.Values.Where(v => v.Rank > mine.Rank && !Tie(v.Rank, mine.Rank)).OrderByDescending(v => v.Rank).ToList();
            var tied = graph.Values.Count(v => v.Id != ownValueId && Tie(v.Rank, mine.Rank));
            return new ValuePosition(ownValueId, own.Card, higher.Count + 1, graph.Values.Count, higher.Take(3).Select(v => v.Title).ToList(), tied);
        }
    }

    /// <summary>The preview's built-in sample (Demo/preview-stories.json): three values, three stories, the first value as "yours".</summary>
    private sealed record PreviewData(IReadOnlyList<CanonicalValue> Values, IReadOnlyList<WiserHypothesis> Stories)
    {
        public static PreviewData Load()
        {
            const string resource = "InteractionLab.Api.MoralGraph.Voting.Demo.preview-stories.json";
            using var stream = typeof(MoralVoting).Assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"'{resource}' is not embedded.");
            var root = JsonDocument.Parse(stream).RootElement;
            var question = root.GetProperty("question").GetString()!;
            var values = root.GetProperty("values").EnumerateArray().Select(v => new CanonicalValue(v.GetProperty("id").GetString()!, question,
                new ValuesCard(v.GetProperty("title").GetString()!, v.GetProperty("description").GetString()!,
                    v.GetProperty("policies").EnumerateArray().Select(p => p.GetString()!).ToList()))).ToList();
            var stories = root.GetProperty("stories").EnumerateArray().Select(s => new WiserHypothesis
            {
                Id = s.GetProperty("id").GetInt64(), QuestionId = question, FromValueId = s.GetProperty("from").GetString()!,
                ToValueId = s.GetProperty("to").GetString()!, Context = s.GetProperty("context").GetString()!, Story = s.GetProperty("story").GetString()!,
                Status = HypothesisStatus.Approved, Model = "preview", PromptHash = "",
            }).ToList();
            return new PreviewData(values, stories);
        }

        // Nothing is stored in the preview: its graph is built from the votes cast in this preview alone (its events), so
        // a researcher who answers "No" to every story sees what a participant sees before the graph has an edge.
        public Pool Pool(IReadOnlyList<TaskEventRecord> events)
        {
            var votes = events.Where(e => e.Type == VoteEvent && e.Number("hypothesisId") is not null)
                .Select(e => (Story: Stories.FirstOrDefault(h => h.Id == (long)e.Number("hypothesisId")!.Value), Event: e))
                .Where(x => x.Story is not null)
                .Select(x => new WiserVote("preview", x.Story!.FromValueId, x.Story.ToValueId, x.Event.Text("choice") switch
                {
                    "wiser" => VoteChoice.Wiser,
                    "notWiser" => VoteChoice.NotWiser,
                    _ => VoteChoice.Unsure,
                }, x.Story.Context, null, x.Event.ServerTime, "preview")).ToList();
            return new(Stories, Values, new HashSet<long>(), new HashSet<string>(), Values[0].Id, Values[0].QuestionId,
                votes, (_, _, _, _, _) => Task.CompletedTask, (_, _) => Task.CompletedTask);
        }
    }
}
