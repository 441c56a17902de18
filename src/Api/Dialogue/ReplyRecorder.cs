using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Hubs;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Dialogue;

/// <summary>
/// Saves a finished (or stopped) model reply together with the server's timing events in one transaction:
/// request-sent, first-token, every token with its text and offset, stopped-by-participant, finish.
/// </summary>
public sealed class ReplyRecorder(IServiceScopeFactory scopes, IHubContext<SessionHub, ISessionClient> hub, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Saves the reply; it runs to the end even when the participant's connection is gone.</summary>
    /// <remarks><c>place</c>: the stage, task item and choice the turn belongs to (null for none).</remarks>
    internal async Task SaveAsync(SessionId id, int turnIndex, GenerationRequest request, GenerationRecord record, bool stopped, Exception? failure,
        TurnPlace? place = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var text = request.Style == PromptStyle.Completion ? CompletionPrompt.CleanReply(record.Text, request.Stop) : record.Text.Trim();
        var finish = stopped ? "stopped" : failure is not null ? "error" : record.FinishReason ?? "stop";
        var model = $"{request.Model.Endpoint}/{request.Model.Model}";
        var decoding = JsonSerializer.Serialize(new
        {
            request.Decoding.Temperature, request.Decoding.MaxTokens, request.Decoding.TopP, request.Decoding.TopK,
            Stop = request.Stop, request.Seed, request.Decoding.N, Style = request.Style.ToString().ToLowerInvariant(),
        }, Json);

        var turn = await StageAsync(db, id, turnIndex, request, record, stopped, failure, place, text, finish, model, decoding);
        await db.SaveChangesAsync(CancellationToken.None);
        await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, time.GetUtcNow()));
        if (turn is not null)
            await hub.Clients.Group(SessionHub.GroupOf(id))
                .ReplySaved(new TurnView(turn.Index, turn.Role, turn.Text, turn.FinishReason, turn.StoppedByParticipant));
    }

    // Adds the model turn and its trace events, numbered from the session's counter.
    private static async Task<Turn?> StageAsync(PlatformDbContext db, SessionId id, int turnIndex, GenerationRequest request, GenerationRecord record,
        bool stopped, Exception? failure, TurnPlace? place, string text, string finish, string model, string decoding)
    {
        Turn? turn = null;
        if (failure is null || text.Length > 0)
        {
            turn = new Turn
            {
                SessionId = id, Index = turnIndex, Role = TurnRole.Model, Text = text, CreatedAt = record.RequestSentAt,
                FirstTokenMs = record.FirstTokenMs, TotalMs = record.TotalMs, FinishReason = finish,
                StoppedByParticipant = stopped, Seed = request.Seed, DecodingJson = decoding, Model = model,
                InputTokens = record.InputTokens, OutputTokens = record.OutputTokens ?? record.Tokens.Count,
                StageKey = place?.StageKey, ItemKey = place?.ItemKey, ChoiceIndex = place?.ChoiceIndex,
            };
            db.Turns.Add(turn);
        }

        var events = new List<TraceEvent>();
        void Add(string type, double ms, object payload) => events.Add(new TraceEvent
        {
            SessionId = id, Origin = TraceOrigin.Server, ServerTime = record.RequestSentAt.AddMilliseconds(ms),
            Type = type, Payload = JsonSerializer.Serialize(payload, Json),
        });

        Add("model.request-sent", 0, new { turnIndex, model, prompt = request.Prompt, decoding = JsonDocument.Parse(decoding).RootElement });
        if (record.FirstTokenMs is { } first) Add("model.first-token", first, new { turnIndex, ms = first });
        for (var i = 0; i < record.Tokens.Count; i++)
            Add("model.token", record.Tokens[i].ElapsedMs, new { turnIndex, index = i, text = record.Tokens[i].Text, ms = record.Tokens[i].ElapsedMs });
        if (stopped) Add("model.stopped-by-participant", record.TotalMs, new { turnIndex, ms = record.TotalMs, tokens = record.Tokens.Count });
        Add("model.finish", record.TotalMs, new
        {
            turnIndex, reason = finish, ms = record.TotalMs, error = failure?.GetType().Name,
            usage = new { input = record.InputTokens, output = record.OutputTokens ?? record.Tokens.Count },
        });
        var next = await SessionCounters.ReserveEventSequencesAsync(db, id, events.Count);
        foreach (var e in events) e.Sequence = next++;
        db.TraceEvents.AddRange(events);

        return turn;
    }
}
