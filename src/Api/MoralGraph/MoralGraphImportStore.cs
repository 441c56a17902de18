using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Domain.MoralGraph;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.MoralGraph;

/// <summary>
/// Stores what <see cref="MoralGraphFileReader"/> read into a study, appending to what the study has: values it already
/// has are not stored again, a vote it already has (same voter, pair and context — one vote per voter, story and
/// context on either platform) is skipped, and a story it already has for the pair and context is kept as it is.
/// </summary>
internal static class MoralGraphImportStore
{
    /// <summary>The import model of imported stories (they were written on the original platform).</summary>
    public const string ImportedModel = "original-platform";

    /// <summary>Adds the new values, stories and votes to <paramref name="db"/>; returns (votes stored, votes already there, stories stored).</summary>
    public static async Task<(int Votes, int KnownVotes, int Stories)> AddAsync(PlatformDbContext db, Guid studyId, MoralGraphImportResult result,
        IReadOnlyDictionary<string, CanonicalValue> known, DateTimeOffset now, CancellationToken ct)
    {
        db.ValuesCards.AddRange(result.Values.Select(v => new ValuesCardRecord
        {
            StudyId = studyId, ValueId = v.Id, QuestionId = v.QuestionId, Title = v.Card.Title, Description = v.Card.Description,
            PoliciesJson = JsonSerializer.Serialize(v.Card.AttentionalPolicies), CreatedAt = now, Source = MoralGraphSource.Import,
        }));

        var (stories, newStories) = await StoriesAsync(db, studyId, result.Stories, ct);
        var questions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in known.Values.Concat(result.Values)) questions[v.Id] = v.QuestionId;
        var stored = (await db.WiserVotes.AsNoTracking().Where(v => v.StudyId == studyId)
                .Select(v => new { v.VoterKey, v.FromValueId, v.ToValueId, v.Context }).ToListAsync(ct))
            .Select(v => (v.VoterKey, v.FromValueId, v.ToValueId, v.Context ?? "")).ToHashSet();
        var added = 0;
        foreach (var v in result.Votes)
        {
            if (stored.Contains((v.ParticipantKey, v.FromValueId, v.ToValueId, v.Context ?? ""))) continue;
            var question = v.QuestionId ?? questions[v.FromValueId];
            db.WiserVotes.Add(new WiserVoteRecord
            {
                StudyId = studyId, FromValueId = v.FromValueId, ToValueId = v.ToValueId, Choice = v.Choice, Context = v.Context,
                Reason = v.Reason, VoterKey = v.ParticipantKey, QuestionId = question, Batch = v.Batch,
                CastAt = v.CastAt.ToUniversalTime(), Source = MoralGraphSource.Import,
                HypothesisId = v.Context is null ? null : stories.GetValueOrDefault((question, v.FromValueId, v.ToValueId, v.Context))?.Id,
            });
            added++;
        }
        return (added, result.Votes.Count - added, newStories);
    }

    // The study's stories by (question, from, to, context), with the file's new ones added and saved so votes can name them.
    private static async Task<(Dictionary<(string, string, string, string), WiserHypothesis>, int)> StoriesAsync(
        PlatformDbContext db, Guid studyId, IReadOnlyList<ImportedStory> incoming, CancellationToken ct)
    {
        var byKey = new Dictionary<(string, string, string, string), WiserHypothesis>();
        if (incoming.Count == 0) return (byKey, 0);
        var added = 0;
        foreach (var h in await db.WiserHypotheses.Where(h => h.StudyId == studyId).ToListAsync(ct))
            byKey.TryAdd((h.QuestionId, h.FromValueId, h.ToValueId, h.Context), h);
        foreach (var s in incoming)
        {
            var key = (s.QuestionId, s.FromValueId, s.ToValueId, s.Context);
            if (byKey.ContainsKey(key)) continue;
            // Imported stories wait for a researcher's approval like generated ones; archived ones are kept as rejected.
            var story = new WiserHypothesis
            {
                StudyId = studyId, QuestionId = s.QuestionId, FromValueId = s.FromValueId, ToValueId = s.ToValueId, Context = s.Context,
                Story = s.Story, Status = s.Archived ? HypothesisStatus.Rejected : HypothesisStatus.Draft,
                Model = s.RunId is null ? ImportedModel : $"{ImportedModel} (run {s.RunId})", PromptHash = "", CreatedAt = s.CreatedAt,
            };
            db.WiserHypotheses.Add(story);
            byKey[key] = story;
            added++;
        }
        await db.SaveChangesAsync(ct);
        return (byKey, added);
    }
}
