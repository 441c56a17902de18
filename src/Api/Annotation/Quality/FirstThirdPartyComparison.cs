using System.Globalization;
using InteractionLab.Api.Annotation.Exports;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Quality;

/// <summary>
/// First- and third-party ratings of the same things side by side, per question and condition, read from the joined
/// record (<see cref="JoinedRatings"/>). A participant's rating and a rater's answer are compared when they share the
/// session, the artifact, the turn and the question key, and the participant's answer fits the raters' question (a
/// yes/no answer is not compared with a 1–5 scale). Per unit the annotators' values are averaged (excluded
/// annotators left out), and the LM judges' separately; each source's mean ± SE is then over the units of the
/// condition. Agreement is alpha between the participant and the annotators' aggregate (<see cref="RatingConsensus"/>),
/// with the bootstrap interval over units that every other agreement uses.
/// </summary>
public sealed class FirstThirdPartyComparison(IDbContextFactory<PlatformDbContext> contexts)
{
    private sealed record Unit(string Session, string? Condition, string? Artifact, int? Turn, string Question);

    /// <summary>The comparison over the sessions in <paramref name="sessionIds"/>, columns in <paramref name="conditions"/>' order.</summary>
    public async Task<RatingComparison> ComputeAsync(Guid studyId, IReadOnlySet<Domain.SessionId> sessionIds, IReadOnlyList<string> conditions,
        int resamples = AlphaBootstrap.DefaultResamples, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var forms = new Dictionary<string, SurveyItem>(StringComparer.Ordinal);
        var configs = new Dictionary<string, AnnotationProjectConfig>(StringComparer.Ordinal);
        foreach (var project in await db.AnnotationProjects.AsNoTracking().Where(p => p.StudyId == studyId).OrderBy(p => p.CreatedAt).ToListAsync(ct))
            configs[project.ConfigHash] = ProjectConfigJson.Parse(project.ConfigJson);
        foreach (var item in configs.Values.SelectMany(c => c.Form.Items)) forms.TryAdd(item.Key, item);
        // Most studies have no annotation project: the record is not read at all then.
        if (forms.Count == 0) return new RatingComparison(conditions, []);

        // Simulated sessions are in the record only when asked for; sessionIds (the counted sessions) decides.
        var rows = new List<JoinedRatingRow>();
        await foreach (var row in JoinedRatings.RowsAsync(db, studyId, includeSimulated: true, aggregates: false).WithCancellation(ct))
            if (Domain.SessionId.TryParse(row.SessionId, out var s) && sessionIds.Contains(s) && forms.ContainsKey(row.Question)) rows.Add(row);
        Unit UnitOf(JoinedRatingRow r) => new(r.SessionId!, r.Condition, r.ArtifactKey, r.TurnIndex, r.Question);
        var own = rows.Where(r => r.Source == "participant").GroupBy(UnitOf).ToDictionary(g => g.Key, g => g.Last().Value);
        var third = rows.Where(r => r.Source is "annotator" or "model" && !r.Excluded).GroupBy(UnitOf).ToList();

        var questions = new List<ComparedQuestion>();
        foreach (var (key, question) in forms)
        {
            var units = third.Where(g => g.Key.Question == key && own.ContainsKey(g.Key) && Score(question, own[g.Key]) is not null).ToList();
            if (units.Count == 0) continue;
            var cells = conditions.Select(c =>
            {
                var inCondition = units.Where(u => u.Key.Condition == c).ToList();
                return new ComparedCondition(c,
                    Cell(c, inCondition.Select(u => Score(question, own[u.Key]) ?? double.NaN)),
                    Cell(c, inCondition.Select(u => Mean(question, u.Where(r => r.Source == "annotator")))),
                    Cell(c, inCondition.Select(u => Mean(question, u.Where(r => r.Source == "model")))));
            }).ToList();
            var paired = units
                .Select(u => (Own: ProjectRatings.Code(question, own[u.Key]),
                    Raters: RatingConsensus.Of(question, u.Where(r => r.Source == "annotator").Select(r => r.Value).ToList()).Value is { } v ? ProjectRatings.Code(question, v) : null))
                .Where(p => p.Own is not null && p.Raters is not null)
                .Select(p => (IReadOnlyList<double>)[p.Own!.Value, p.Raters!.Value]).ToList();
            var level = configs.Values.Select(c => c.LevelOf(question)).FirstOrDefault(l => l is not null) ?? MeasurementLevel.Nominal;
            var scaleMax = question.Kind is SurveyItemKind.Likert or SurveyItemKind.Slider ? question.Max : 1;
            questions.Add(new ComparedQuestion(key, question.Prompt, question.Kind is SurveyItemKind.YesNo or SurveyItemKind.TurnMark, scaleMax, cells,
                AgreementReport.View(AlphaBootstrap.Estimate(paired, level, resamples))));
        }
        return new RatingComparison(conditions, questions);
    }

    /// <summary>
    /// The number a mean is taken of: yes/true = 1 and no/false = 0 (the mean is the share of yes), scale answers as
    /// given; null for answers that do not fit the question (and for choices and free text, which have no mean).
    /// </summary>
    public static double? Score(SurveyItem question, string value) => question.Kind switch
    {
        SurveyItemKind.YesNo => value switch { "yes" => 1, "no" => 0, _ => null },
        SurveyItemKind.TurnMark => value switch { "true" => 1, "false" => 0, _ => null },
        SurveyItemKind.Likert or SurveyItemKind.Slider =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        _ => null,
    };

    private static double Mean(SurveyItem question, IEnumerable<JoinedRatingRow> rows) =>
        MeanWithError.Of(rows.Select(r => Score(question, r.Value))).Mean;

    private static ResultCell Cell(string condition, IEnumerable<double> values)
    {
        var summary = MeanWithError.Of(values);
        return new ResultCell(condition, summary.N, summary.Mean, summary.StandardError);
    }
}
