using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Seeding;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace InteractionLab.Faults;

/// <summary>
/// Compares what the participants saw with what the platform's database holds: every acknowledged event stored exactly
/// once, in its own session; every message whose reply the participant saw begin stored once with its reply, complete or
/// marked interrupted, with the text the participant saw when it streamed to the end; nothing refused stored; no turn left
/// generating; no participant line without the model turn after it.
/// </summary>
public sealed class FaultCheck(DatabaseProvider provider, string connectionString)
{
    private static readonly string[] Stops = [.. DemoStudy.Config().Conditions[0].Decoding.Stop, "\nUser:"];

    /// <summary>Runs <paramref name="read"/> on a context of the run's database.</summary>
    public async Task<T> ReadAsync<T>(Func<PlatformDbContext, Task<T>> read)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(), ["ConnectionStrings:Platform"] = connectionString,
        }).Build();
        await using var database = PlatformDatabase.FromConfiguration(settings);
        var options = new DbContextOptionsBuilder<PlatformDbContext>();
        database.Configure(options);
        await using var db = new PlatformDbContext(options.Options);
        return await read(db);
    }

    /// <summary>Model turns still marked generating.</summary>
    public Task<int> GeneratingAsync() => ReadAsync(db => db.Turns.CountAsync(t => t.FinishReason == ReplyStore.Generating));

    /// <summary>Reads the database and counts what held and what did not, for the run named <paramref name="run"/>.</summary>
    public async Task<FaultReport> CompareAsync(IReadOnlyList<FaultParticipant> participants, string run, int platformStarts, TimeSpan wall)
    {
        var events = await ReadAsync(db => db.TraceEvents.AsNoTracking().Where(e => e.Origin == TraceOrigin.Client)
            .Select(e => new { Session = e.SessionId.Value, e.Payload, e.OriginalPayload }).ToListAsync());
        var turns = await ReadAsync(db => db.Turns.AsNoTracking()
            .Select(t => new StoredTurn(t.SessionId.Value, t.Index, t.Role, t.Text, t.FinishReason)).ToListAsync());
        var stored = events.ToLookup(e => Nonce(e.OriginalPayload ?? e.Payload), e => e.Session);

        var owner = participants.SelectMany(p => p.Page.Recorded.Select(n => (Nonce: n, p.Session))).ToDictionary(x => x.Nonce, x => x.Session);
        var acknowledged = participants.SelectMany(p => p.Page.Acknowledged).ToList();
        var lost = acknowledged.Where(n => !stored.Contains(n)).ToList();
        var duplicated = stored.Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var misplaced = stored.Where(g => !owner.TryGetValue(g.Key, out var session) || g.Any(s => s != session)).Select(g => g.Key).ToList();
        var unacknowledged = participants.Sum(p => p.Page.Outbox.Count);

        var replies = new ReplyTally(turns);
        foreach (var p in participants)
            foreach (var request in p.Replies)
                replies.Check(p.Session, request);

        var report = new FaultReport
        {
            Run = run, Participants = participants.Count, PlatformStarts = platformStarts, Wall = wall,
            Acknowledged = acknowledged.Count, Lost = lost.Count, Duplicated = duplicated.Count, Misplaced = misplaced.Count,
            Unacknowledged = unacknowledged, AlreadyStoredWhenResent = participants.Sum(p => p.AlreadyStoredWhenResent),
            Messages = participants.Sum(p => p.Replies.Count), Refused = participants.Sum(p => p.Replies.Count(r => r.Outcome == ReplyOutcome.Refused)),
            RepliesComplete = replies.Complete, RepliesInterrupted = replies.Interrupted, RepliesMissing = replies.Missing,
            FailedBeforeStored = replies.Unstored,
        };
        Problem(report, "acknowledged events not stored", lost);
        Problem(report, "events stored more than once", duplicated);
        Problem(report, "events stored in a session not their page's (or never recorded)", misplaced);
        if (unacknowledged > 0) report.Problems.Add($"{unacknowledged} events still unacknowledged at the end");
        foreach (var (what, examples) in replies.Problems) Problem(report, what, examples);
        return report;
    }

    private static void Problem(FaultReport report, string what, IReadOnlyCollection<string> examples)
    {
        if (examples.Count > 0) report.Problems.Add($"{examples.Count} {what}, e.g. {string.Join("; ", examples.Take(5))}");
    }

    private static string Nonce(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.TryGetProperty("nonce", out var nonce) ? nonce.GetString() ?? "" : "";
    }

    /// <summary>A stored turn, as the check needs it.</summary>
    private sealed record StoredTurn(Guid Session, int Index, TurnRole Role, string Text, string? FinishReason);

    // The exchanges of every message, and what is wrong with them.
    private sealed class ReplyTally
    {
        private readonly ILookup<string, StoredTurn> _byText;
        private readonly Dictionary<(Guid, int), StoredTurn> _byPlace;
        private readonly Dictionary<string, List<string>> _problems = [];

        public ReplyTally(IReadOnlyList<StoredTurn> turns)
        {
            _byText = turns.Where(t => t.Role == TurnRole.Participant).ToLookup(t => t.Text);
            _byPlace = turns.ToDictionary(t => (t.Session, t.Index));
            foreach (var t in turns.Where(t => t.Role == TurnRole.Participant && (!_byPlace.TryGetValue((t.Session, t.Index + 1), out var m) || m.Role != TurnRole.Model)))
                Add("participant messages without a model turn after them", $"{t.Session:N}#{t.Index}");
            foreach (var t in turns.Where(t => t.FinishReason == ReplyStore.Generating))
                Add("model turns left generating", $"{t.Session:N}#{t.Index}");
        }

        public int Complete { get; private set; }
        public int Interrupted { get; private set; }
        public int Missing { get; private set; }
        public int Unstored { get; private set; }
        public IEnumerable<(string, IReadOnlyCollection<string>)> Problems => _problems.Select(p => (p.Key, (IReadOnlyCollection<string>)p.Value));

        public void Check(Guid session, ReplyRequest request)
        {
            var stored = _byText[request.Message].ToList();
            var where = $"'{request.Message[^33..^1]}' ({request.Outcome}{(request.Error is null ? "" : ": " + request.Error)})";
            if (stored.Any(t => t.Session != session)) Add("messages stored in another session", where);
            if (stored.Count > 1) Add("messages stored more than once", where);
            if (request.Outcome == ReplyOutcome.Refused && stored.Count > 0) Add("messages refused as busy but stored", where);
            if (stored.Count == 0 && request.Outcome != ReplyOutcome.Refused)
            {
                if (request.CertainlyStored) Missing++;
                else Unstored++;
            }
            if (request.CertainlyStored && stored.Count == 0) Add("messages whose reply streamed but that were not stored", where);
            if (stored.Count != 1 || !_byPlace.TryGetValue((stored[0].Session, stored[0].Index + 1), out var reply)) return;
            switch (reply.FinishReason)
            {
                case "stop" or "length": Complete++; break;
                case ReplyStore.Interrupted: Interrupted++; break;
                default: Add("replies stored neither complete nor interrupted", $"{where} → {reply.FinishReason}"); return;
            }
            if (request.Outcome == ReplyOutcome.Completed && reply.Text != CompletionPrompt.CleanReply(string.Concat(request.Pieces), Stops))
                Add("replies stored with other text than the participant saw", $"{where}: saw '{string.Concat(request.Pieces)}', stored '{reply.Text}' as {reply.FinishReason}");
        }

        private void Add(string what, string example)
        {
            if (!_problems.TryGetValue(what, out var list)) _problems[what] = list = [];
            list.Add(example);
        }
    }
}
