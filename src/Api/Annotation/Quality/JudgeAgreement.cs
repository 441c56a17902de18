using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Annotation;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Quality;

/// <summary>
/// How far each LM judge agrees with the humans, per question, with the same alpha machinery as the humans' own
/// agreement: each unit (item, turn) pairs the humans' aggregate (majority or median, <see cref="RatingConsensus"/>;
/// ties left out) with the judge's answer, and alpha over those two coders comes with its bootstrap interval over
/// units. Excluded annotators are left out of the aggregate, as everywhere.
/// </summary>
public sealed class JudgeAgreement(IDbContextFactory<PlatformDbContext> contexts)
{
    /// <summary>One entry per judge (by model name), each with one entry per question that has a level.</summary>
    public async Task<IReadOnlyList<JudgeAgreementView>> ComputeAsync(Guid projectId, int resamples = AlphaBootstrap.DefaultResamples, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var project = await db.AnnotationProjects.AsNoTracking().SingleAsync(p => p.Id == projectId, ct);
        var config = ProjectConfigJson.Parse(project.ConfigJson);
        var humans = (await ProjectRatings.LoadAsync(db, projectId, ct)).Where(r => r.Role == AnnotationItemRole.Regular && !r.Excluded).ToList();
        var judged = await ProjectRatings.LoadJudgesAsync(db, projectId, ct);
        var names = await db.Annotators.AsNoTracking().Where(a => a.ProjectId == projectId && a.Kind == AnnotatorKind.Model)
            .OrderBy(a => a.CreatedAt).Select(a => new { a.Id, a.Model }).ToListAsync(ct);
        var views = new List<JudgeAgreementView>();
        // Every judge, also one with no readable answer yet (its alpha is then not defined, shown as such).
        foreach (var (id, name) in names.Select(n => (n.Id, n.Model ?? "model")))
        {
            var judge = judged.Where(r => r.AnnotatorId == id).ToList();
            var questions = new List<JudgeQuestionAgreement>();
            foreach (var question in config.Form.Items)
            {
                if (config.LevelOf(question) is not { } level) continue;
                var own = judge.Where(r => r.QuestionKey == question.Key).ToDictionary(r => (r.ItemId, r.TurnIndex), r => ProjectRatings.Code(question, r.Value));
                var units = humans.Where(r => r.QuestionKey == question.Key).GroupBy(r => (r.ItemId, r.TurnIndex))
                    .Select(g => (Human: RatingConsensus.Of(question, g.Select(r => r.Value).ToList()).Value is { } v ? ProjectRatings.Code(question, v) : null,
                        Model: own.GetValueOrDefault(g.Key)))
                    .Where(u => u.Human is not null && u.Model is not null)
                    .Select(u => (IReadOnlyList<double>)[u.Human!.Value, u.Model!.Value]).ToList();
                var estimate = AlphaBootstrap.Estimate(units, level, resamples);
                questions.Add(new JudgeQuestionAgreement(question.Key, question.Prompt, level, AgreementReport.View(estimate)));
            }
            views.Add(new JudgeAgreementView(name, judge.Select(r => r.ItemId).Distinct().Count(), questions));
        }
        return views;
    }
}

/// <summary>One LM judge's agreement with the humans.</summary>
/// <param name="Model">"endpoint/model".</param>
/// <param name="Items">Items it rated.</param>
/// <param name="Questions">Per question.</param>
public sealed record JudgeAgreementView(string Model, int Items, IReadOnlyList<JudgeQuestionAgreement> Questions);

/// <summary>Alpha between the humans' aggregate and the judge on one question.</summary>
/// <param name="Key">Question key.</param>
/// <param name="Prompt">The question as annotators read it.</param>
/// <param name="Level">Level of measurement.</param>
/// <param name="Estimate">Alpha with its interval over units both rated.</param>
public sealed record JudgeQuestionAgreement(string Key, string Prompt, MeasurementLevel Level, AlphaView Estimate);
