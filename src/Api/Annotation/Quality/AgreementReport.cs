using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Annotation;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Quality;

/// <summary>
/// Krippendorff's alpha per question of a project, with its bootstrap interval and percent agreement, and how it
/// evolved as units were rated. Units are (item, turn) pairs of regular items; ratings of excluded annotators are
/// left out, as in every aggregate; free-text questions have no alpha.
/// </summary>
public sealed class AgreementReport(IDbContextFactory<PlatformDbContext> contexts)
{
    /// <summary>Alpha per question.</summary>
    public async Task<ProjectAgreement> ComputeAsync(Guid projectId, int resamples = AlphaBootstrap.DefaultResamples, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var project = await db.AnnotationProjects.AsNoTracking().SingleAsync(p => p.Id == projectId, ct);
        var config = ProjectConfigJson.Parse(project.ConfigJson);
        var ratings = (await ProjectRatings.LoadAsync(db, projectId, ct)).Where(r => r.Role == AnnotationItemRole.Regular && !r.Excluded).ToList();
        var questions = new List<QuestionAgreement>();
        foreach (var question in config.Form.Items)
        {
            if (config.LevelOf(question) is not { } level) continue;
            // Each unit's values in the order the unit became pairable (its second rating), for the curve.
            var units = ratings.Where(r => r.QuestionKey == question.Key)
                .Select(r => (r.ItemId, r.TurnIndex, r.SubmittedAt, Code: ProjectRatings.Code(question, r.Value)))
                .Where(r => r.Code is not null)
                .GroupBy(r => (r.ItemId, r.TurnIndex))
                .Select(g => (Values: (IReadOnlyList<double>)g.Select(r => r.Code!.Value).ToList(),
                    Pairable: g.Select(r => r.SubmittedAt).Order().Skip(1).FirstOrDefault()))
                .Where(u => u.Values.Count >= 2).OrderBy(u => u.Pairable).Select(u => u.Values).ToList();
            var estimate = AlphaBootstrap.Estimate(units, level, resamples);
            var curve = AgreementCurve.Of(units, level, points: 10, resamples: Math.Min(resamples, 400));
            questions.Add(new QuestionAgreement(question.Key, question.Prompt, level,
                View(estimate),
                curve.Select(p => new AlphaPoint(p.Units, Defined(p.Alpha), Defined(p.Lower), Defined(p.Upper))).ToList()));
        }
        return new ProjectAgreement(questions, resamples);
    }

    /// <summary>An estimate as shown and sent (undefined values as null).</summary>
    public static AlphaView View(AgreementEstimate estimate) =>
        new(Defined(estimate.Alpha), Defined(estimate.Lower), Defined(estimate.Upper), Defined(estimate.PercentAgreement),
            estimate.Units, estimate.PairableValues, estimate.Resamples, estimate.Seed, estimate.Confidence);

    // JSON has no NaN: an undefined alpha or interval is null.
    private static double? Defined(double value) => double.IsNaN(value) ? null : value;
}

/// <summary>Agreement of one project.</summary>
/// <param name="Questions">One entry per question with a level of measurement.</param>
/// <param name="Resamples">Bootstrap resamples behind each interval.</param>
public sealed record ProjectAgreement(IReadOnlyList<QuestionAgreement> Questions, int Resamples);

/// <summary>Agreement on one question.</summary>
/// <param name="Key">Question key.</param>
/// <param name="Prompt">Question text.</param>
/// <param name="Level">Level of measurement.</param>
/// <param name="Estimate">Alpha, interval, percent agreement, units.</param>
/// <param name="Curve">Alpha over the first n units rated (its intervals use up to 400 resamples each).</param>
public sealed record QuestionAgreement(string Key, string Prompt, MeasurementLevel Level, AlphaView Estimate, IReadOnlyList<AlphaPoint> Curve);

/// <summary>An <see cref="AgreementEstimate"/> with undefined values as null.</summary>
/// <param name="Alpha">α, or null when undefined.</param>
/// <param name="Lower">Lower end of the 95 % interval, or null.</param>
/// <param name="Upper">Upper end, or null.</param>
/// <param name="PercentAgreement">Exact agreement share, or null.</param>
/// <param name="Units">Pairable units.</param>
/// <param name="PairableValues">Values in them.</param>
/// <param name="Resamples">Resamples whose alpha was defined.</param>
/// <param name="Seed">Seed of the resampling.</param>
/// <param name="Confidence">0.95.</param>
public sealed record AlphaView(double? Alpha, double? Lower, double? Upper, double? PercentAgreement, int Units, double PairableValues,
    int Resamples, int Seed, double Confidence);

/// <summary>Alpha over the first <paramref name="Units"/> units, with its interval (null when undefined).</summary>
/// <param name="Units">How many units.</param>
/// <param name="Alpha">α.</param>
/// <param name="Lower">Lower end.</param>
/// <param name="Upper">Upper end.</param>
public sealed record AlphaPoint(int Units, double? Alpha, double? Lower, double? Upper);
