using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Summarization;
using InteractionLab.Domain.Annotation;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>
/// Items made of summaries (HALIE): each document's model draft and the participant's edited version, as two items
/// or as one pair. The document comes from the stage's stimulus set, so raters read what the participant read.
/// </summary>
public static class SummaryItems
{
    /// <summary>The items of one session.</summary>
    public static async Task<IReadOnlyList<ItemDraft>> BuildAsync(SessionSource source, bool pair, CancellationToken ct)
    {
        var drafts = new List<ItemDraft>();
        var events = await TaskEventLog.ReadManyAsync(source.Db, source.Db.Sessions.Where(s => s.Id == source.Session.Id), SummarizationEvents.Prefix, ct);
        var all = events.GetValueOrDefault(source.Session.Id) ?? [];
        foreach (var stage in source.Stages)
        {
            var set = stage.Task!.Stimuli is { } key ? await source.Stimuli.GetAsync(key, ct) : null;
            var documents = (set?.ItemsAs<SummaryDocument>() ?? []).ToDictionary(d => d.Id, StringComparer.Ordinal);
            var progress = SummarizationProgress.From(all.Where(e => e.Text("stage") == stage.Key));
            foreach (var doc in progress.Documents)
            {
                var document = documents.GetValueOrDefault(doc.Document);
                ItemContent Summary(string text) => new("summary", document?.Text, "Document", Text: text, TextLabel: "Summary", Title: document?.Title);
                var original = string.IsNullOrWhiteSpace(doc.Draft) ? null : Summary(doc.Draft);
                var edited = doc.EditSubmittedAt is null || string.IsNullOrWhiteSpace(doc.EditedText) ? null : Summary(doc.EditedText);
                var at = $"{source.Key}:{stage.Key}:{doc.Document}";
                if (pair)
                {
                    if (original is not null && edited is not null)
                        drafts.Add(Draft(source, stage.Key, $"summary-pair:{at}", $"{doc.Document}:pair", original with { Second = edited }));
                    continue;
                }
                if (original is not null) drafts.Add(Draft(source, stage.Key, $"summary:{at}:original", $"{doc.Document}:original", original));
                if (edited is not null) drafts.Add(Draft(source, stage.Key, $"summary:{at}:edited", $"{doc.Document}:edited", edited));
            }
        }
        return drafts;
    }

    private static ItemDraft Draft(SessionSource source, string stage, string sourceKey, string artifact, ItemContent content) =>
        new(sourceKey, content, source.Session.Id, stage, ArtifactKey: artifact, ConfigHash: source.Session.ConfigHash);
}
