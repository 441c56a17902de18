using static InteractionLab.Api.Tasks.Summarization.SummarizationEvents;

namespace InteractionLab.Api.Tasks.Summarization;

/// <summary>
/// What a stage's events say about each document: the draft, both ratings, the edited text and the step the
/// participant is on. A fold over the stage's events: the participant page applies each event it records (and
/// replays them after a reload), and the completion rule, the metrics and annotation intake read the same fold, so
/// what is measured is what the participant saw.
/// </summary>
public sealed class SummarizationProgress
{
    private readonly Dictionary<string, SummaryDocumentProgress> _documents = new(StringComparer.Ordinal);

    /// <summary>How many documents the stage has for this participant (from the last shown event; 0 before the first).</summary>
    public int Count { get; private set; }

    /// <summary>Documents the participant has moved on from.</summary>
    public int Finished => _documents.Values.Count(d => d.MovedOn);

    /// <summary>Every document something was recorded for.</summary>
    public IReadOnlyCollection<SummaryDocumentProgress> Documents => _documents.Values;

    /// <summary>Reads the stage's events in order.</summary>
    public static SummarizationProgress From(IEnumerable<TaskEventRecord> events)
    {
        var progress = new SummarizationProgress();
        foreach (var e in events) progress.Apply(e);
        return progress;
    }

    /// <summary>Applies one stored event (events of other tasks, and events without a document, are ignored).</summary>
    public void Apply(TaskEventRecord e)
    {
        if (!e.Type.StartsWith(Prefix, StringComparison.Ordinal) || e.Text("document") is not { } id) return;
        var doc = Of(id);
        switch (e.Type)
        {
            case Shown:
                doc.Shown = true;
                Count = (int)(e.Number("count") ?? Count);
                break;
            case Draft:
                doc.Draft = e.Text("text") ?? "";
                break;
            case RateOriginal:
                doc.Original = e.As<RatingPayload>();
                doc.OriginalRatedAt = e.ServerTime;
                break;
            case EditStart:
                doc.EditStartedAt ??= e.ServerTime;
                break;
            case Edit when e.As<EditPayload>() is { } edit:
                doc.EditedText = edit.Text;
                if (edit.Final) doc.EditSubmittedAt = e.ServerTime;
                break;
            case RateEdited:
                doc.Edited = e.As<RatingPayload>();
                break;
            case Next:
                doc.MovedOn = true;
                break;
        }
    }

    /// <summary>The progress of one document (empty when nothing was recorded for it).</summary>
    public SummaryDocumentProgress Of(string document)
    {
        if (!_documents.TryGetValue(document, out var doc)) _documents[document] = doc = new SummaryDocumentProgress(document);
        return doc;
    }
}
