using System.Threading.Channels;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Replies;

/// <summary>
/// The one way a participant's model turn is generated and recorded — by the dialogue, the task stages and the values
/// interview alike. A turn is stored the moment it is requested (with the participant's words), its text is written
/// while it streams, and it is saved with its timings when it ends: complete, stopped by the participant, cut short by
/// a shutdown (<c>interrupted</c>) or failed. The generation outlives the page that asked for it; only the participant's
/// stop or the process stopping end it early, and the process waits for it to be saved
/// (<see cref="ActiveReplies.InterruptAllAsync"/>). A save that fails is retried with back-off, and a reply the database
/// still cannot take is kept in the <see cref="ReplySpool"/> with its reason.
/// </summary>
public sealed class ReplyRunner(
    ActiveReplies replies, ReplyStore store, ReplySpool spool, IOptions<ReplyOptions> options, TimeProvider time, ILogger<ReplyRunner> log)
{
    /// <summary>Registers the session's one running call; a 409 problem saying <paramref name="busy"/> when one runs already.</summary>
    public ReplyCall Open(SessionId session, string busy) =>
        replies.TryBegin(session, out var call) ? call : throw PlatformProblemException.Conflict(busy);

    /// <summary>Stops the session's running call (the participant pressed stop); false when none runs.</summary>
    public bool Stop(SessionId session) => replies.Stop(session);

    /// <summary>
    /// Runs <paramref name="work"/> on its own, so that a page that goes away does not cancel it, and hands what it
    /// writes to the returned reader; the call ends when the work does (its failure completes the reader).
    /// </summary>
    public ChannelReader<T> RunDetached<T>(ReplyCall call, Func<ChannelWriter<T>, Task> work)
    {
        var channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _ = Task.Run(async () =>
        {
            Exception? failure = null;
            try { await work(channel.Writer); }
            catch (Exception e) { failure = e; }
            finally { call.Dispose(); }
            channel.Writer.TryComplete(failure);
        }, CancellationToken.None);
        return channel.Reader;
    }

    /// <summary>
    /// Records one model turn of <paramref name="call"/>: stores it (and the participant's words) as requested, streams
    /// it from <paramref name="stream"/> handing each piece to <paramref name="onPiece"/>, and saves how it ended.
    /// <paramref name="alsoStop"/> stops it like the participant's stop does (suggestions stop when their page goes).
    /// </summary>
    public async Task<RecordedTurn> RecordAsync(ReplyCall call, TurnPlan plan,
        Func<GenerationRecord, CancellationToken, IAsyncEnumerable<TimedToken>> stream,
        Action<string>? onPiece = null, Action? onQueued = null, CancellationToken alsoStop = default)
    {
        var now = time.GetUtcNow();
        var (index, requestSequence) = await store.BeginAsync(call.Session, plan, now, CancellationToken.None);
        call.StartTurn();
        var record = new GenerationRecord
        {
            RequestSentAt = now,
            OnQueued = () =>
            {
                call.Queued = true;
                onQueued?.Invoke();
            },
        };
        var started = time.GetTimestamp();
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(call.Token, alsoStop);
        using var flushing = new CancellationTokenSource();
        var flusher = FlushWhileStreamingAsync(call, index, started, flushing.Token);
        var stopped = false;
        Exception? failure = null;
        try
        {
            await foreach (var token in stream(record, streaming.Token))
            {
                call.Queued = false;
                call.Append(token.Text);
                onPiece?.Invoke(token.Text);
            }
        }
        catch (OperationCanceledException) when (streaming.IsCancellationRequested)
        {
            stopped = !call.Interrupted;
        }
        catch (Exception e)
        {
            failure = e;
            log.LogError(e, "Generation failed for session {Session} turn {Turn}", call.Session, index);
        }
        await flushing.CancelAsync();
        await flusher;

        var request = plan.Request;
        var text = request.Style == PromptStyle.Completion ? CompletionPrompt.CleanReply(record.Text, request.Stop) : record.Text.Trim();
        var finish = call.Interrupted ? ReplyStore.Interrupted : stopped ? "stopped" : failure is not null ? "error" : record.FinishReason ?? "stop";
        var drop = plan.DropWhenOnlyToolCalls && record.Tokens.Count == 0 && record.FunctionCalls.Count > 0;
        var finished = new FinishedTurn(call.Session.Value, index, text, finish, stopped, record.RequestSentAt, record.FirstTokenMs, record.TotalMs,
            record.InputTokens, record.OutputTokens ?? record.Tokens.Count, record.Tokens.ToList(), failure?.GetType().Name, record.Queued, drop,
            requestSequence);
        var saved = await SaveAsync(finished);
        return new RecordedTurn(drop ? null : index, text, stopped, call.Interrupted, failure, saved, record.FunctionCalls);
    }

    /// <summary>
    /// Saves a finished turn, retrying with doubling waits through a short outage; then keeps it in the spool. False when
    /// it could not be saved (kept in the spool, or its session is gone).
    /// </summary>
    private async Task<bool> SaveAsync(FinishedTurn finished)
    {
        var settings = options.Value;
        var wait = settings.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var saved = await store.SaveAsync(finished, CancellationToken.None);
                if (!saved) log.LogWarning("The reply of session {Session} turn {Turn} has no turn to be saved to (the session was deleted)", finished.Session, finished.Index);
                // The database takes replies again: store those kept while it did not.
                if (spool.HasEntries) _ = Task.Run(() => StoreKeptAsync(CancellationToken.None));
                return saved;
            }
            catch (Exception e) when (attempt < settings.SaveAttempts)
            {
                log.LogWarning(e, "Saving the reply of session {Session} turn {Turn} failed (attempt {Attempt}); retrying in {Wait}",
                    finished.Session, finished.Index, attempt, wait);
                await Task.Delay(wait, time);
                wait *= 2;
            }
            catch (Exception e)
            {
                spool.Keep(finished, e, time.GetUtcNow());
                return false;
            }
        }
    }

    /// <summary>Stores the replies kept in the spool (at start-up, and after a save shows the database is back); returns how many.</summary>
    public Task<int> StoreKeptAsync(CancellationToken ct) => spool.DrainAsync(store.SaveAsync, ct);

    // Writes the text so far every FlushInterval while it grows, and a sign of life every HeartbeatInterval while it
    // does not (waiting in line), so a reload elsewhere sees the reply and a crash leaves what was generated.
    private async Task FlushWhileStreamingAsync(ReplyCall call, int index, long started, CancellationToken ct)
    {
        var settings = options.Value;
        var flushed = "";
        var lastSign = time.GetTimestamp();
        using var timer = new PeriodicTimer(settings.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var text = call.PartialText;
                if (text == flushed && time.GetElapsedTime(lastSign) < settings.HeartbeatInterval) continue;
                try
                {
                    await store.FlushAsync(call.Session, index, text, time.GetElapsedTime(started).TotalMilliseconds);
                    flushed = text;
                    lastSign = time.GetTimestamp();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Only a copy on the way: the whole reply is saved when it ends.
                    log.LogDebug(e, "Writing the partial text of session {Session} turn {Turn} failed", call.Session, index);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The turn ended.
        }
    }
}
