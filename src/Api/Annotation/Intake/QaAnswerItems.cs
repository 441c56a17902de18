using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.QuestionAnswering;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Dialogue;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>
/// Items made of question-answering answers: the question with its options, the option the participant chose last,
/// and what they asked the assistant about it. Attention checks are not rated.
/// </summary>
public static class QaAnswerItems
{
    /// <summary>The items of one session.</summary>
    public static async Task<IReadOnlyList<ItemDraft>> BuildAsync(SessionSource source, CancellationToken ct)
    {
        var events = await TaskEventLog.ReadManyAsync(source.Db, source.Db.Sessions.Where(s => s.Id == source.Session.Id), QuestionAnsweringTask.EventPrefix, ct);
        var all = events.GetValueOrDefault(source.Session.Id) ?? [];
        var turns = await source.Db.Turns.AsNoTracking().Where(t => t.SessionId == source.Session.Id && t.ItemKey != null)
            .OrderBy(t => t.Index).ToListAsync(ct);
        var drafts = new List<ItemDraft>();
        foreach (var stage in source.Stages)
        {
            var set = stage.Task!.Stimuli is { } key ? await source.Stimuli.GetAsync(key, ct) : null;
            var questions = (set?.ItemsAs<QaItem>() ?? []).ToDictionary(q => q.Id, StringComparer.Ordinal);
            var answers = all.Where(e => e.Type == QuestionAnsweringTask.Answer && e.Text("stage") == stage.Key && e.Text("item") is not null)
                .GroupBy(e => e.Text("item")!).Select(g => (Item: g.Key, Choice: g.Last().Text("choice")));
            foreach (var (item, choice) in answers)
            {
                if (!questions.TryGetValue(item, out var question) || question.AttentionCheck || choice is null) continue;
                var options = question.Options.Select((o, i) => $"{QaItem.Letter(i)}) {o}").ToList();
                var chosen = options.FirstOrDefault(o => o.StartsWith(choice + ")", StringComparison.Ordinal)) ?? choice;
                var help = turns.Where(t => t.ItemKey == item && (t.StageKey == stage.Key || t.StageKey is null))
                    .Select(t => new ContentTurn(t.Index, t.Role == TurnRole.Model ? ItemContent.AiSpeaker : ItemContent.PersonSpeaker, t.Text))
                    .ToList();
                drafts.Add(new ItemDraft($"qa:{source.Key}:{stage.Key}:{item}",
                    new ItemContent("qa-answer", question.Question, "Question", help, chosen, "Answer chosen", options),
                    source.Session.Id, stage.Key, ArtifactKey: item, ConfigHash: source.Session.ConfigHash));
            }
        }
        return drafts;
    }
}
