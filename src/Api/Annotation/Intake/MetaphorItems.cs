using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.MetaphorWriting;
using InteractionLab.Domain.Annotation;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>Items made of metaphor sentences (HALIE): each sentence left on the participant's list, with its seed metaphor.</summary>
public static class MetaphorItems
{
    /// <summary>The items of one session.</summary>
    public static async Task<IReadOnlyList<ItemDraft>> BuildAsync(SessionSource source, CancellationToken ct)
    {
        var events = await TaskEventLog.ReadManyAsync(source.Db, source.Db.Sessions.Where(s => s.Id == source.Session.Id), "metaphor.", ct);
        var all = events.GetValueOrDefault(source.Session.Id) ?? [];
        var drafts = new List<ItemDraft>();
        foreach (var stage in source.Stages)
        {
            var own = all.Where(e => e.Text("stage") == stage.Key).ToList();
            var seed = own.LastOrDefault(e => e.Type == MetaphorWritingTask.SeedShown)?.Text("seed");
            foreach (var sentence in MetaphorSentences.From(own).Where(s => !string.IsNullOrWhiteSpace(s.Text)))
                drafts.Add(new ItemDraft($"metaphor:{source.Key}:{stage.Key}:{sentence.Id}",
                    new ItemContent("metaphor-sentence", seed, seed is null ? null : "Seed metaphor", Text: sentence.Text, TextLabel: "Sentence"),
                    source.Session.Id, stage.Key, ArtifactKey: sentence.Id, ConfigHash: source.Session.ConfigHash));
        }
        return drafts;
    }
}
