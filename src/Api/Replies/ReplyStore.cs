using System.Linq.Expressions;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Hubs;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tracing;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Tracing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Replies;

/// <summary>
/// The database side of recorded model turns: the turn is stored when it is requested (with the participant's words
/// in the same transaction, and its <c>model.request-sent</c> event), its text is updated while it streams, and its
/// end (text, timings, usage, token events, finish) is saved in one transaction. Turn indexes and server-event
/// sequence numbers come from the session's counter row (<see cref="SessionCounters"/>), so no writer retries.
/// </summary>
public sealed class ReplyStore(IDbContextFactory<PlatformDbContext> dbFactory, IHubContext<SessionHub, ISessionClient> hub, TimeProvider time,
    ILogger<ReplyStore> log)
{
    /// <summary>Finish reason of a turn whose model is still generating.</summary>
    public const string Generating = "generating";
    /// <summary>Finish reason of a turn cut short by a shutdown, a crash or a lost connection to the model.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>
    /// The turns a task page shows again, as before replies were stored from the request: not a reply still being
    /// generated (a reloaded page follows it with <see cref="ReplyFollower"/>), and not one that was lost before its
    /// first word (the page says no answer was received).
    /// </summary>
    public static readonly Expression<Func<Turn, bool>> ShownOnTaskPages = t =>
        t.Role != TurnRole.Model || (t.FinishReason != Generating && (t.Text != "" || (t.FinishReason != "error" && t.FinishReason != Interrupted)));

    /// <summary>
    /// Longest a reply can be generating: the default wait for a turn in the model's line plus the longest request
    /// (<see cref="LanguageModels.ChatClientRegistry.DefaultTimeout"/> each). An older generating turn was left by a crash.
    /// </summary>
    public static readonly TimeSpan LongestReply = 2 * LanguageModels.ChatClientRegistry.DefaultTimeout;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores the model turn of <paramref name="plan"/> as <see cref="Generating"/>, after the participant's words when
    /// it has some, with its request event; returns the model turn's index and the request event's sequence.
    /// </summary>
    internal async Task<(int Index, long RequestSequence)> BeginAsync(SessionId session, TurnPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = plan.Request;
        var model = $"{request.Model.Endpoint}/{request.Model.Model}";
        var decoding = DecodingJson(request);
        var participant = plan.ParticipantText is null ? 0 : 1;
        var (first, sequence) = await SessionCounters.ReserveAsync(db, session, turns: participant + 1, serverEvents: 1, ct);
        if (plan.ParticipantText is { } words)
            db.Turns.Add(new Turn
            {
                SessionId = session, Index = first, Role = TurnRole.Participant, Text = words, CreatedAt = now,
                StageKey = plan.Place.StageKey, ItemKey = plan.Place.ItemKey,
            });
        var index = first + participant;
        db.Turns.Add(new Turn
        {
            SessionId = session, Index = index, Role = TurnRole.Model, Text = "", CreatedAt = now, FinishReason = Generating, TotalMs = 0,
            Seed = request.Seed, DecodingJson = decoding, Model = model, StageKey = plan.Place.StageKey, ItemKey = plan.Place.ItemKey,
            ChoiceIndex = plan.Place.ChoiceIndex, ContextDroppedTurns = plan.History?.DroppedForContext.Count,
        });
        db.TraceEvents.Add(Event(session, sequence, now, "model.request-sent", new
        {
            turnIndex = index, model, prompt = request.Prompt, decoding = JsonDocument.Parse(decoding).RootElement,
            droppedForContext = plan.History?.DroppedForContext, withoutReply = plan.History?.WithoutReply,
        }));
        await db.SaveChangesAsync(ct);
        // The session's LastSeenAt is updated when the reply is saved, seconds later: one write less per message.
        return (index, sequence);
    }

    /// <summary>Writes a streaming turn's text so far (and that it is alive); a turn that has ended is left alone.</summary>
    internal async Task FlushAsync(SessionId session, int index, string text, double elapsedMs)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Turns.Where(t => t.SessionId == session && t.Index == index && t.FinishReason == Generating)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Text, text).SetProperty(t => t.TotalMs, elapsedMs));
    }

    /// <summary>
    /// Saves how a turn ended in one transaction, then tells the session's open pages. Returns false when there was
    /// nothing to save it to (the session was deleted meanwhile, e.g. withdrawn).
    /// </summary>
    internal async Task<bool> SaveAsync(FinishedTurn finished, CancellationToken ct)
    {
        var session = new SessionId(finished.Session);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var turn = await db.Turns.SingleOrDefaultAsync(t => t.SessionId == session && t.Index == finished.Index, ct);
        if (turn is null) return false;
        // An earlier attempt may have committed without hearing back: the same end is not written twice.
        if (turn.FinishReason == finished.FinishReason && turn.Text == finished.Text && turn.TotalMs == finished.TotalMs) return true;
        if (finished.Drop)
        {
            db.Turns.Remove(turn);
            await db.TraceEvents.Where(e => e.SessionId == session && e.Origin == TraceOrigin.Server && e.Sequence == finished.RequestSequence)
                .ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            return true;
        }
        Apply(turn, finished);
        await AddEventsAsync(db, finished, ct);
        await db.SaveChangesAsync(ct);
        await TouchAsync(db, session, time.GetUtcNow());
        try
        {
            await hub.Clients.Group(SessionHub.GroupOf(session))
                .ReplySaved(new TurnView(turn.Index, turn.Role, turn.Text, turn.FinishReason, turn.StoppedByParticipant));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reply is saved; open pages that miss the push read it on their next load.
            log.LogDebug(e, "Telling session {Session}'s pages about turn {Turn} failed", session, finished.Index);
        }
        return true;
    }

    // Marks the session as active; after the commit, so a failure here never makes a saved turn look unsaved.
    private async Task TouchAsync(PlatformDbContext db, SessionId session, DateTimeOffset now)
    {
        try
        {
            await db.Sessions.Where(s => s.Id == session).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogDebug(e, "Marking session {Session} as active failed", session);
        }
    }

    /// <summary>
    /// Ends a turn a crash left <see cref="Generating"/> as <see cref="Interrupted"/> (with its model.finish event), only
    /// if it is still generating at the moment of the write: between the sweep's read and this write the reply may have
    /// ended and been saved with its whole text, and an end already saved is never replaced by the sweep's older copy.
    /// One conditional update in the transaction that adds the event, so the check and the write cannot be split.
    /// Returns whether the turn was marked.
    /// </summary>
    public async Task<bool> MarkInterruptedAsync(FinishedTurn stale, CancellationToken ct)
    {
        var session = new SessionId(stale.Session);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var marked = await db.Turns.Where(t => t.SessionId == session && t.Index == stale.Index && t.FinishReason == Generating)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.FinishReason, Interrupted), ct);
        if (marked == 0) return false;
        await AddEventsAsync(db, stale, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Turns still marked <see cref="Generating"/> whose last sign of life is older than <paramref name="staleAfter"/>
    /// were cut off by a crash: as they would end, <see cref="Interrupted"/> with the text they had
    /// (<see cref="MarkInterruptedAsync"/> writes them).
    /// </summary>
    public async Task<IReadOnlyList<FinishedTurn>> StaleAsync(TimeSpan staleAfter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var generating = await db.Turns.AsNoTracking().Where(t => t.FinishReason == Generating).ToListAsync(ct);
        return generating.Where(t => IsStale(t.CreatedAt, t.TotalMs, now, staleAfter))
            .Select(t => new FinishedTurn(t.SessionId.Value, t.Index, t.Text, Interrupted, false, t.CreatedAt, null, t.TotalMs ?? 0,
                null, null, [], "ProcessEnded", false, false, 0))
            .ToList();
    }

    /// <summary>Whether a generating turn's last sign of life (request time plus the elapsed time of its last flush) is too old.</summary>
    public static bool IsStale(DateTimeOffset createdAt, double? totalMs, DateTimeOffset now, TimeSpan staleAfter) =>
        createdAt.AddMilliseconds(totalMs ?? 0) < now - staleAfter;

    private static void Apply(Turn turn, FinishedTurn f)
    {
        turn.Text = f.Text;
        turn.CreatedAt = f.RequestSentAt;
        turn.FirstTokenMs = f.FirstTokenMs;
        turn.TotalMs = f.TotalMs;
        turn.FinishReason = f.FinishReason;
        turn.StoppedByParticipant = f.Stopped;
        turn.InputTokens = f.InputTokens;
        turn.OutputTokens = f.OutputTokens;
    }

    private static async Task AddEventsAsync(PlatformDbContext db, FinishedTurn f, CancellationToken ct)
    {
        var session = new SessionId(f.Session);
        var events = new List<(string Type, double Ms, object Payload)>();
        if (f.FirstTokenMs is { } first) events.Add(("model.first-token", first, new { turnIndex = f.Index, ms = first }));
        for (var i = 0; i < f.Tokens.Count; i++)
            events.Add(("model.token", f.Tokens[i].ElapsedMs, new { turnIndex = f.Index, index = i, text = f.Tokens[i].Text, ms = f.Tokens[i].ElapsedMs }));
        if (f.Stopped) events.Add(("model.stopped-by-participant", f.TotalMs, new { turnIndex = f.Index, ms = f.TotalMs, tokens = f.Tokens.Count }));
        events.Add(("model.finish", f.TotalMs, new
        {
            turnIndex = f.Index, reason = f.FinishReason, ms = f.TotalMs, error = f.Error, queued = f.Queued,
            usage = new { input = f.InputTokens, output = f.OutputTokens },
        }));
        var next = await SessionCounters.ReserveEventSequencesAsync(db, session, events.Count, ct);
        foreach (var (type, ms, payload) in events)
            db.TraceEvents.Add(Event(session, next++, f.RequestSentAt.AddMilliseconds(ms), type, payload));
    }

    private static TraceEvent Event(SessionId session, long sequence, DateTimeOffset at, string type, object payload) => new()
    {
        SessionId = session, Origin = TraceOrigin.Server, Sequence = sequence, ServerTime = at, Type = type,
        Payload = JsonSerializer.Serialize(payload, Json),
    };

    private static string DecodingJson(GenerationRequest request) => JsonSerializer.Serialize(new
    {
        request.Decoding.Temperature, request.Decoding.MaxTokens, request.Decoding.TopP, request.Decoding.TopK,
        Stop = request.Stop, request.Seed, request.Decoding.N, Style = request.Style.ToString().ToLowerInvariant(),
    }, Json);
}
