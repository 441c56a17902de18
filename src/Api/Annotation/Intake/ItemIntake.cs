using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain;
using InteractionLab.Domain.Annotation;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>
/// Makes items from completed sessions: right after a session completes (<see cref="AnnotationIntakeInterceptor"/>),
/// for every matching session when a project is created or its filter changes (backfill), and in the periodic sweep.
/// Idempotent — the (project, source key) index refuses a second copy — so all three may overlap. Simulated and
/// withdrawn sessions never become items; a session withdrawn later takes its items (and their ratings) with it.
/// </summary>
public sealed class ItemIntake(IDbContextFactory<PlatformDbContext> contexts, StudyConfigCache configs, TaskCatalog catalog,
    AuditLog audit, TimeProvider time)
{
    /// <summary>Creates the items of these just-completed sessions in every open or paused project of their studies.</summary>
    public async Task<int> IngestSessionsAsync(IReadOnlyCollection<SessionId> sessions, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var studies = await db.Sessions.Where(s => sessions.Contains(s.Id)).Select(s => s.StudyId).Distinct().ToListAsync(ct);
        var projects = await db.AnnotationProjects.AsNoTracking()
            .Where(p => studies.Contains(p.StudyId) && p.Status != AnnotationProjectStatus.Closed).ToListAsync(ct);
        var created = 0;
        foreach (var project in projects)
            created += await IngestAsync(db, project, Matching(db, project).Where(s => sessions.Contains(s.Id)), ct);
        return created;
    }

    /// <summary>Creates the items of every matching completed session that has none in <paramref name="projectId"/> yet.</summary>
    public async Task<int> BackfillAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var project = await db.AnnotationProjects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null || project.Status == AnnotationProjectStatus.Closed) return 0;
        var pending = Matching(db, project).Where(s => !db.AnnotationItems.Any(i => i.ProjectId == project.Id && i.SessionId == s.Id));
        return await IngestAsync(db, project, pending, ct);
    }

    /// <summary>Removes every item (with its assignments, ratings and adjudications) made from these withdrawn sessions.</summary>
    public async Task<int> RemoveWithdrawnAsync(IReadOnlyCollection<SessionId> sessions, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var withdrawn = await db.Sessions.Where(s => sessions.Contains(s.Id) && s.Status == SessionStatus.Withdrawn).Select(s => s.Id).ToListAsync(ct);
        if (withdrawn.Count == 0) return 0;
        var removed = await db.AnnotationItems.Where(i => i.SessionId != null && withdrawn.Contains(i.SessionId.Value)).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            audit.Record(db, "system", "annotation.items-withdrawn", $"{withdrawn.Count} session(s)", detail: $"{removed} item(s) removed with their ratings");
            await db.SaveChangesAsync(ct);
        }
        return removed;
    }

    /// <summary>Adds drafts to a project (hand-made or uploaded items); returns how many were new.</summary>
    public async Task<int> AddAsync(PlatformDbContext db, AnnotationProject project, IEnumerable<(ItemDraft Draft, AnnotationItemRole Role, IReadOnlyDictionary<string, string>? Expected)> drafts,
        AnnotationItemOrigin origin, CancellationToken ct)
    {
        var config = ProjectConfigJson.Parse(project.ConfigJson);
        var redactor = new TextRedactor(config.Redaction, await RegistryTermsAsync(db, null, ct));
        var list = drafts.ToList();
        var keys = list.Select(d => d.Draft.SourceKey).ToList();
        var existing = (await db.AnnotationItems.Where(i => i.ProjectId == project.Id && keys.Contains(i.SourceKey))
            .Select(i => i.SourceKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var added = list.Where(d => existing.Add(d.Draft.SourceKey))
            .Select(d => ItemFactory.Create(project, config, d.Draft, redactor, origin, now, d.Role, d.Expected)).ToList();
        db.AnnotationItems.AddRange(added);
        await db.SaveChangesAsync(ct);
        return added.Count;
    }

    private static IQueryable<Session> Matching(PlatformDbContext db, AnnotationProject project)
    {
        var filter = ProjectConfigJson.Parse(project.ConfigJson).Filter;
        var conditions = filter.Conditions ?? [];
        var query = db.Sessions.AsNoTracking().Where(s => s.StudyId == project.StudyId && s.Status == SessionStatus.Completed && !s.IsSimulated);
        if (conditions.Count > 0) query = query.Where(s => conditions.Contains(s.ConditionKey));
        if (filter.CompletedFrom is { } from) query = query.Where(s => s.CompletedAt >= from);
        if (filter.CompletedTo is { } to) query = query.Where(s => s.CompletedAt < to);
        return query;
    }

    private async Task<int> IngestAsync(PlatformDbContext db, AnnotationProject project, IQueryable<Session> sessions, CancellationToken ct)
    {
        var config = ProjectConfigJson.Parse(project.ConfigJson);
        if (config.Target == AnnotationTarget.Manual) return 0;
        var stimuli = new StimulusStore(db, catalog, audit, time);
        var created = 0;
        foreach (var session in await sessions.OrderBy(s => s.CompletedAt).ToListAsync(ct))
        {
            var study = await configs.GetAsync(db, session.StudyVersionId, ct);
            var stages = SessionSource.StagesFor(study, config);
            if (stages.Count == 0) continue;
            var source = new SessionSource(db, session, study, stages, stimuli);
            var drafts = config.Target switch
            {
                AnnotationTarget.Transcript => await TranscriptItems.BuildAsync(source, perTurn: false, ct),
                AnnotationTarget.ModelTurn => await TranscriptItems.BuildAsync(source, perTurn: true, ct),
                AnnotationTarget.Summary => await SummaryItems.BuildAsync(source, pair: false, ct),
                AnnotationTarget.SummaryPair => await SummaryItems.BuildAsync(source, pair: true, ct),
                AnnotationTarget.MetaphorSentence => await MetaphorItems.BuildAsync(source, ct),
                AnnotationTarget.QaAnswer => await QaAnswerItems.BuildAsync(source, ct),
                AnnotationTarget.ValuesCard => await ValuesCardItems.BuildAsync(source, ct),
                _ => [],
            };
            if (drafts.Count == 0) continue;
            var redactor = new TextRedactor(config.Redaction, BlindingTerms.For(study, await RegistryAsync(db, ct), await SessionIdsAsync(db, session, ct)));
            created += await SaveAsync(db, project, config, drafts, redactor, ct);
        }
        return created;
    }

    private async Task<int> SaveAsync(PlatformDbContext db, AnnotationProject project, AnnotationProjectConfig config,
        IReadOnlyList<ItemDraft> drafts, TextRedactor redactor, CancellationToken ct)
    {
        var keys = drafts.Select(d => d.SourceKey).ToList();
        var existing = (await db.AnnotationItems.Where(i => i.ProjectId == project.Id && keys.Contains(i.SourceKey))
            .Select(i => i.SourceKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var items = drafts.Where(d => existing.Add(d.SourceKey))
            .Select(d => ItemFactory.Create(project, config, d, redactor, AnnotationItemOrigin.Session, now)).ToList();
        if (items.Count == 0) return 0;
        db.AnnotationItems.AddRange(items);
        try
        {
            await db.SaveChangesAsync(ct);
            return items.Count;
        }
        catch (DbUpdateException)
        {
            // Another intake (the completion hook and the sweep) made the same items first: theirs stand.
            foreach (var item in items) db.Entry(item).State = EntityState.Detached;
            return 0;
        }
    }

    private static async Task<IReadOnlyList<(string, IEnumerable<string>)>> RegistryAsync(PlatformDbContext db, CancellationToken ct) =>
        (await db.ModelEndpoints.AsNoTracking().Select(e => new { e.Name, e.DefaultModels }).ToListAsync(ct))
        .Select(e => (e.Name, (IEnumerable<string>)e.DefaultModels)).ToList();

    private static async Task<IReadOnlyList<string>> RegistryTermsAsync(PlatformDbContext db, Domain.Studies.StudyConfig? study, CancellationToken ct) =>
        BlindingTerms.For(study ?? new Domain.Studies.StudyConfig { Title = "", Stages = [], Conditions = [] }, await RegistryAsync(db, ct), []);

    // The participant's own ids: a transcript that quotes them must not hand them to an annotator.
    private static async Task<IReadOnlyList<string?>> SessionIdsAsync(PlatformDbContext db, Session session, CancellationToken ct)
    {
        var external = await db.ParticipantExternalIds.AsNoTracking().Where(x => x.ParticipantId == session.ParticipantId)
            .Select(x => new { x.ExternalParticipantId, x.ExternalStudyId, x.ExternalSessionId }).ToListAsync(ct);
        var turnModels = await db.Turns.AsNoTracking().Where(t => t.SessionId == session.Id && t.Model != null).Select(t => t.Model).Distinct().ToListAsync(ct);
        return [session.Id.ToString(), session.ParticipantId.ToString(), session.ParticipantId.ToString("N"), session.ConditionKey,
            .. external.SelectMany(x => new[] { x.ExternalParticipantId, x.ExternalStudyId, x.ExternalSessionId }),
            .. turnModels.SelectMany(m => m!.Split('/', 2)), .. turnModels];
    }
}
