using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Dialogue;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>Items made of conversations: one per stage (whole transcripts) or one per model reply (with what came before).</summary>
public static class TranscriptItems
{
    /// <summary>The items of one session.</summary>
    public static async Task<IReadOnlyList<ItemDraft>> BuildAsync(SessionSource source, bool perTurn, CancellationToken ct)
    {
        var turns = await source.Db.Turns.AsNoTracking().Where(t => t.SessionId == source.Session.Id)
            .OrderBy(t => t.Index).ToListAsync(ct);
        var scenario = DialogueScenarios.Pick(await DialogueScenarios.OfStudyAsync(source.Config, source.Stimuli, ct), source.Session.ScenarioIndex);
        var drafts = new List<ItemDraft>();
        var single = source.Stages.Count == 1;
        foreach (var stage in source.Stages)
        {
            // Turns from before stages were stamped carry no stage key: they belong to the only dialogue stage.
            // Of n suggestions asked at once, only the first is part of the conversation.
            var own = turns.Where(t => (t.StageKey == stage.Key || (t.StageKey is null && single)) && (t.ChoiceIndex ?? 0) == 0)
                .Select(t => new ContentTurn(t.Index, t.Role == TurnRole.Model ? ItemContent.AiSpeaker : ItemContent.PersonSpeaker, t.Text))
                .ToList();
            if (own.Count == 0) continue;
            if (!perTurn)
            {
                drafts.Add(new ItemDraft($"transcript:{source.Key}:{stage.Key}",
                    new ItemContent("transcript", scenario, scenario is null ? null : "Scenario", own),
                    source.Session.Id, stage.Key, ConfigHash: source.Session.ConfigHash));
                continue;
            }
            foreach (var reply in own.Where(t => t.Speaker == ItemContent.AiSpeaker && t.Text.Length > 0))
                drafts.Add(new ItemDraft($"turn:{source.Key}:{reply.Index}",
                    new ItemContent("model-turn", scenario, scenario is null ? null : "Scenario",
                        own.Where(t => t.Index <= reply.Index).ToList(), FocusTurn: reply.Index),
                    source.Session.Id, stage.Key, reply.Index, ConfigHash: source.Session.ConfigHash));
        }
        return drafts;
    }
}
