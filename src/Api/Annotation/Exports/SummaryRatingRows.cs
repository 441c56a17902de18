using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Summarization;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Exports;

/// <summary>
/// The participants' own judgements of summaries (HALIE summarization: the draft and their edited version, each
/// consistent / coherent / relevant, yes or no) as first-party rows of the joined record. The artifact key is the one
/// summary items carry (<c>{document}:original</c>, <c>{document}:edited</c>) and the question is the criterion, so
/// they meet the raters' answers on the same summary under the same key.
/// </summary>
public static class SummaryRatingRows
{
    private static readonly string[] Criteria = ["consistent", "coherent", "relevant"];

    /// <summary>One row per session, stage, document, version and criterion the participant judged.</summary>
    public static async Task<IReadOnlyList<JoinedRatingRow>> ReadAsync(PlatformDbContext db, IQueryable<Session> sessions, CancellationToken ct = default)
    {
        var events = await TaskEventLog.ReadManyAsync(db, sessions, SummarizationEvents.Prefix, ct);
        if (events.Count == 0) return [];
        var ids = events.Keys.ToList();
        var about = await sessions.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.ConditionKey, s.ConfigHash, s.ParticipantId }).ToDictionaryAsync(s => s.Id, ct);
        var rows = new List<JoinedRatingRow>();
        foreach (var (id, log) in events)
        {
            var s = about[id];
            foreach (var stage in log.GroupBy(e => e.Text("stage") ?? ""))
                foreach (var doc in SummarizationProgress.From(stage).Documents)
                    foreach (var (version, rating, at) in new[] { ("original", doc.Original, doc.OriginalRatedAt), ("edited", doc.Edited, doc.EditSubmittedAt) })
                    {
                        if (rating is null) continue;
                        bool[] answers = [rating.Consistent, rating.Coherent, rating.Relevant];
                        for (var c = 0; c < Criteria.Length; c++)
                            rows.Add(new JoinedRatingRow("participant", id.ToString(), s.ConditionKey, s.ConfigHash, stage.Key, null, $"{doc.Document}:{version}",
                                null, s.ParticipantId.ToString("N"), Criteria[c], answers[c] ? "yes" : "no", false, at ?? DateTimeOffset.MinValue, null));
                    }
        }
        return rows;
    }
}
