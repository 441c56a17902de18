using System.Text.Json;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>Scoring against expected answers (gold and qualification items), by the same rule as survey attention checks.</summary>
public static class Qualification
{
    /// <summary>
    /// The share of an item's expected answers the annotator matched (null when the item has none). A question
    /// matches as an attention check with the expected answer would pass (numbers equal, text equal ignoring case).
    /// </summary>
    public static double? Score(string? expectedJson, SurveyConfig form, IReadOnlyList<SurveyAnswer> answers)
    {
        if (expectedJson is null) return null;
        var expected = JsonSerializer.Deserialize<Dictionary<string, string>>(expectedJson) ?? [];
        if (expected.Count == 0) return null;
        var matched = expected.Count(e => form.Items.FirstOrDefault(q => q.Key == e.Key) is { } question
            && SurveyScoring.PassesAttentionCheck(question with { AttentionCheck = e.Value },
                answers.FirstOrDefault(a => a.ItemKey == e.Key && a.TurnIndex is null)?.Value) == true);
        return (double)matched / expected.Count;
    }

    /// <summary>Whether the annotator's mean score over the qualification items reaches the pass mark.</summary>
    public static async Task<bool> PassedAsync(PlatformDbContext db, Guid annotatorId, AnnotationProjectConfig config, CancellationToken ct)
    {
        var scores = await db.AnnotationAssignments
            .Where(a => a.AnnotatorId == annotatorId && a.Status == AssignmentStatus.Submitted && a.GoldScore != null
                && db.AnnotationItems.Any(i => i.Id == a.ItemId && i.Role == AnnotationItemRole.Qualification))
            .Select(a => a.GoldScore!.Value).ToListAsync(ct);
        return scores.Count == 0 || scores.Average() >= config.QualificationPassShare;
    }
}
