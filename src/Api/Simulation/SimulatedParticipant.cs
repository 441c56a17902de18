using System.Globalization;
using System.Text.RegularExpressions;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Surveys;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Simulation;

/// <summary>
/// Walks one simulated participant through the latest study version with the real services a browser uses:
/// consent (session flagged <see cref="Session.IsSimulated"/>, external id <c>sim-…</c>), instructions, the social
/// dialogue (the persona model writes the participant's messages; the condition's model replies through
/// <see cref="DialogueService"/> as usual), other task types (finished as a participant would who does nothing; when the
/// task's completion rule refuses that, the stage is skipped with a <c>stage.simulation-skipped</c> event and a note),
/// surveys (the persona model answers; an unusable answer is replaced by a random valid one and noted) and the debrief.
/// </summary>
public sealed partial class SimulatedParticipant(
    IDbContextFactory<PlatformDbContext> dbFactory, IServiceScopeFactory scopes, DialogueService dialogue, LanguageModelGateway gateway)
{
    /// <summary>Longest walk; a study with more stages than this is not walked to the end.</summary>
    private const int MaxSteps = 100;

    /// <summary>Runs participant number <paramref name="number"/> of <paramref name="run"/>; throws when it cannot finish.</summary>
    public async Task RunAsync(SimulationRun run, int number, CancellationToken ct)
    {
        var persona = run.Request.Personas[(number - 1) % run.Request.Personas.Count];
        string slug;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            slug = await db.Studies.Where(s => s.Id == run.StudyId).Select(s => s.Slug).SingleAsync(ct);

        run.AtStage("consent");
        var externalId = "sim-" + Guid.NewGuid().ToString("N")[..16];
        var consent = await StepAsync(s => Sessions(s).ConsentAsync(slug, new ProlificIds(externalId, null, null), null, ct));
        var id = consent.SessionId;
        // Flagged before the next step reads the session, so stage timing never holds it like a real participant.
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.IsSimulated, true), ct);
        var view = await StepAsync(s => Sessions(s).GetSessionAsync(id, ct));

        for (var step = 0; view.Status == SessionStatus.InProgress; step++)
        {
            if (step >= MaxSteps) throw new InvalidOperationException($"stopped after {MaxSteps} steps at stage '{view.Stage.Key}'.");
            var stage = view.Stage;
            run.AtStage(stage.Key);
            switch (stage.Kind)
            {
                case StageKind.Task when stage.Task?.Type == DialogueService.TaskType:
                    await ChatAsync(run, number, persona, id, stage.Task, view.Scenario ?? "", ct);
                    view = await StepAsync(s => Sessions(s).CompleteStageAsync(id, stage.Key, ct));
                    break;
                case StageKind.Task:
                    view = await StepAsync(s => FinishOtherTaskAsync(run, number, s, id, stage, ct));
                    break;
                case StageKind.Survey when stage.Survey is not null:
                    var answers = await AnswerAsync(run, number, persona, id, stage.Survey, run.Request.PersonaModel, ct);
                    view = await StepAsync(s => s.GetRequiredService<SurveyService>().SubmitAsync(id, stage.Key, answers, ct));
                    break;
                default:
                    view = await StepAsync(s => Sessions(s).CompleteStageAsync(id, stage.Key, ct));
                    break;
            }
        }
        if (view.Status != SessionStatus.Completed)
            throw new InvalidOperationException($"the session ended as {view.Status}.");
    }

    /// <summary>Type of the event stored when a simulated participant skips a task stage it cannot work.</summary>
    public const string SkippedEvent = "stage.simulation-skipped";

    // Each step in a scope of its own, as one browser request would be: the session services are scoped, and every
    // step starts from the database rather than from what an earlier step left tracked.
    private async Task<T> StepAsync<T>(Func<IServiceProvider, Task<T>> step)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await step(scope.ServiceProvider);
    }

    private static ParticipantSessionService Sessions(IServiceProvider services) => services.GetRequiredService<ParticipantSessionService>();

    // A task the simulation cannot work (any type but the dialogue): finished as is when its completion rule allows
    // it, else skipped on the server like a stage whose time ran out, so the pilot still reaches the surveys after it.
    private async Task<SessionView> FinishOtherTaskAsync(SimulationRun run, int number, IServiceProvider services, SessionId id, StageConfig stage, CancellationToken ct)
    {
        var sessions = Sessions(services);
        try
        {
            return await sessions.CompleteStageAsync(id, stage.Key, ct);
        }
        catch (PlatformProblemException e) when (e.Status == 409)
        {
            // A context of its own: the refused completion may have left the session tracked as it was read.
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var session = await db.Sessions.SingleAsync(s => s.Id == id, ct);
                var config = await services.GetRequiredService<StudyConfigCache>().GetAsync(db, session.StudyVersionId, ct);
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                await ServerEvents.AddAsync(db, id, now, [(SkippedEvent, new { stage = stage.Key, type = stage.Task?.Type, reason = e.Detail })], ct);
                ParticipantSessionService.Advance(session, config, now);
                await db.SaveChangesAsync(ct);
            }
            run.Note(number, $"'{stage.Key}': simulated participants cannot work {stage.Task?.Type} tasks; skipped ({e.Detail})");
            return await StepAsync(s => Sessions(s).GetSessionAsync(id, ct));
        }
    }

    private async Task ChatAsync(SimulationRun run, int number, string persona, SessionId id, TaskConfig task, string scenario, CancellationToken ct)
    {
        // As many messages as the task asks for (at least one), so pilots stay short and cheap.
        var messages = Math.Clamp(task.MinTurns, 1, task.MaxTurns);
        var history = new List<(bool IsUser, string Text)>();
        for (var i = 0; i < messages; i++)
        {
            // The persona model plays the participant, so from its point of view the chatbot is the "user".
            var system = $"You are taking part in a research study as {persona}. Scenario: {scenario}\n"
                + "You are chatting with a chatbot. Write your next message to it: one or two short sentences, only the message.";
            var message = Clean(await GenerateAsync(run.Request.PersonaModel, system, history.Select(h => (!h.IsUser, h.Text)).ToList(), 60, ct));
            if (message.Length == 0)
            {
                message = i == 0 ? "Hi! Can you help me with this?" : "Tell me more about that.";
                run.Note(number, $"the persona model wrote an empty message; sent \"{message}\" instead.");
            }
            if (message.Length > DialogueService.MaxMessageLength) message = message[..DialogueService.MaxMessageLength];
            history.Add((true, message));
            var reply = new System.Text.StringBuilder();
            try
            {
                await foreach (var piece in dialogue.StreamReplyAsync(id, message, ct)) reply.Append(piece);
                history.Add((false, reply.ToString().Trim()));
            }
            catch (PlatformProblemException e) when (e.Status == 502)
            {
                // The participant's message is saved and counts; the study's own model failed to reply.
                run.Note(number, $"the chatbot did not reply to message {i + 1}: {e.Detail}");
            }
        }
    }

    private async Task<List<SurveyAnswer>> AnswerAsync(
        SimulationRun run, int number, string persona, SessionId id, SurveyConfig survey, ModelRef model, CancellationToken ct)
    {
        List<Turn> turns;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == id).OrderBy(t => t.Index).ToListAsync(ct);
        var transcript = string.Join("\n", turns.Select(t => (t.Role == TurnRole.Participant ? "You: " : "Chatbot: ") + t.Text));
        var answers = new List<SurveyAnswer>();
        foreach (var item in survey.Items)
        {
            if (item.Kind == SurveyItemKind.TurnMark)
            {
                foreach (var turn in turns.Where(t => t.Role == TurnRole.Model))
                {
                    var said = await AskAsync(model, persona, transcript, $"About the chatbot's reply \"{turn.Text}\": {item.Prompt} Answer yes or no.", ct);
                    var mark = ParseYesNo(said) ?? Fallback(run, number, item, said, Random.Shared.Next(2) == 0 ? "yes" : "no");
                    answers.Add(new SurveyAnswer(item.Key, mark == "yes" ? "true" : "false", turn.Index));
                }
                continue;
            }
            var question = item.Kind switch
            {
                SurveyItemKind.Likert or SurveyItemKind.Slider =>
                    $"{item.Prompt} Answer with one whole number from {item.Min} ({item.MinLabel ?? "lowest"}) to {item.Max} ({item.MaxLabel ?? "highest"}).",
                SurveyItemKind.YesNo => $"{item.Prompt} Answer yes or no.",
                SurveyItemKind.MultipleChoice => $"{item.Prompt} Answer with one of: {string.Join("; ", item.Options ?? [])}.",
                _ => $"{item.Prompt} Answer in one or two sentences.",
            };
            var text = await AskAsync(model, persona, transcript, question, ct);
            var value = Parse(item, text) ?? Fallback(run, number, item, text, RandomAnswer(item));
            if (value.Length > 0) answers.Add(new SurveyAnswer(item.Key, value));
        }
        return answers;
    }

    private Task<string> AskAsync(ModelRef model, string persona, string transcript, string question, CancellationToken ct) =>
        GenerateAsync(model, $"You are {persona}. You just had this conversation with a chatbot in a research study:\n{transcript}\n\nAnswer the question you are asked briefly.",
            [(true, question)], 40, ct);

    private async Task<string> GenerateAsync(ModelRef model, string system, IReadOnlyList<(bool IsUser, string Text)> history, int maxTokens, CancellationToken ct)
    {
        var request = new GenerationRequest(model, PromptStyle.Chat, system, history,
            new DecodingSettings { Temperature = 0.9f, MaxTokens = maxTokens }, [], Random.Shared.Next());
        var record = new GenerationRecord();
        await foreach (var _ in gateway.StreamAsync(request, record, ct)) { }
        return record.Text;
    }

    /// <summary>The valid stored answer the persona's text gives, or null when it gives none.</summary>
    public static string? Parse(SurveyItem item, string text)
    {
        switch (item.Kind)
        {
            case SurveyItemKind.Likert:
            case SurveyItemKind.Slider:
                foreach (Match m in Number().Matches(text))
                    if (int.TryParse(m.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= item.Min && v <= item.Max
                        && (item.Kind == SurveyItemKind.Likert || (v - item.Min) % Math.Max(1, item.Step) == 0))
                        return v.ToString(CultureInfo.InvariantCulture);
                return null;
            case SurveyItemKind.YesNo:
                return ParseYesNo(text);
            case SurveyItemKind.MultipleChoice:
                return item.Options?.FirstOrDefault(o => text.Contains(o, StringComparison.OrdinalIgnoreCase));
            default:
                var clean = Clean(text);
                if (clean.Length > SurveyAnswerValidator.MaxFreeTextLength) clean = clean[..SurveyAnswerValidator.MaxFreeTextLength];
                return clean.Length > 0 || !item.Required ? clean : null;
        }
    }

    /// <summary>A random valid answer for an item.</summary>
    public static string RandomAnswer(SurveyItem item) => item.Kind switch
    {
        SurveyItemKind.Likert => Random.Shared.Next(item.Min, item.Max + 1).ToString(CultureInfo.InvariantCulture),
        SurveyItemKind.Slider => (item.Min + Math.Max(1, item.Step) * Random.Shared.Next((item.Max - item.Min) / Math.Max(1, item.Step) + 1)).ToString(CultureInfo.InvariantCulture),
        SurveyItemKind.YesNo => Random.Shared.Next(2) == 0 ? "yes" : "no",
        SurveyItemKind.MultipleChoice when item.Options is { Count: > 0 } options => options[Random.Shared.Next(options.Count)],
        _ => "No comment.",
    };

    private static string? ParseYesNo(string text)
    {
        var yes = YesWord().IsMatch(text);
        var no = NoWord().IsMatch(text);
        return yes == no ? null : yes ? "yes" : "no";
    }

    private static string Fallback(SimulationRun run, int number, SurveyItem item, string said, string value)
    {
        var shown = said.Length > 60 ? said[..60] + "…" : said;
        run.Note(number, $"'{item.Key}': no valid answer in \"{shown.Trim()}\"; used random answer '{value}'.");
        return value;
    }

    private static string Clean(string text) => text.Trim().Trim('"').Trim();

    [GeneratedRegex(@"-?\d+")]
    private static partial Regex Number();

    [GeneratedRegex(@"\byes\b", RegexOptions.IgnoreCase)]
    private static partial Regex YesWord();

    [GeneratedRegex(@"\bno\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoWord();
}
