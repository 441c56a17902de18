using System.Security.Claims;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Intake;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Projects;

/// <summary>Items researchers add by hand or by file, and the item list researchers see (with where each came from).</summary>
public sealed class ProjectItems(IDbContextFactory<PlatformDbContext> contexts, IStudyAccess access, ItemIntake intake, AuditLog audit)
{
    /// <summary>Audit action.</summary>
    public const string AddedAction = "annotation.items-added";

    /// <summary>Adds items given as JSON; problems are reported by position (1-based) and nothing is saved then.</summary>
    public Task<ItemsAdded> AddAsync(ClaimsPrincipal user, Guid studyId, Guid projectId, IReadOnlyList<ManualItem> items, CancellationToken ct = default) =>
        SaveAsync(user, studyId, projectId, form => (items.Select((item, i) => (i + 1, item)).ToList(), []), AnnotationItemOrigin.Manual, "by hand", ct);

    /// <summary>Adds the items of a JSON Lines or CSV file (by its name's ending); problems are reported by line.</summary>
    public Task<ItemsAdded> UploadAsync(ClaimsPrincipal user, Guid studyId, Guid projectId, string fileName, string text, CancellationToken ct = default) =>
        SaveAsync(user, studyId, projectId, form => ItemFile.Parse(fileName, text, form), AnnotationItemOrigin.File, fileName, ct);

    /// <summary>The project's items, newest first, with their source keys and counters.</summary>
    public async Task<IReadOnlyList<ItemSummary>> ListAsync(ClaimsPrincipal user, Guid studyId, Guid projectId, int skip = 0, int take = 100, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await access.GetVisibleAsync(db, user, studyId, ct);
        await AnnotationProjects.FindAsync(db, studyId, projectId, ct);
        return await db.AnnotationItems.AsNoTracking().Where(i => i.ProjectId == projectId).OrderByDescending(i => i.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000))
            .Select(i => new ItemSummary(i.PublicId, i.Role, i.Origin, i.SourceKey, i.SessionId == null ? null : i.SessionId.Value.ToString(),
                i.StageKey, i.TurnIndex, i.ArtifactKey, i.Submitted, i.Taken, i.RedactionsJson, i.ReviewedAt))
            .ToListAsync(ct);
    }

    private async Task<ItemsAdded> SaveAsync(ClaimsPrincipal user, Guid studyId, Guid projectId,
        Func<Domain.Studies.SurveyConfig, (IReadOnlyList<(int Line, ManualItem Item)>, IReadOnlyList<ItemLineError>)> read,
        AnnotationItemOrigin origin, string what, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await access.GetManagedAsync(db, user, studyId, ct);
        var project = await AnnotationProjects.FindAsync(db, studyId, projectId, ct);
        var form = ProjectConfigJson.Parse(project.ConfigJson).Form;
        var (items, parseErrors) = read(form);
        var errors = parseErrors.Concat(origin == AnnotationItemOrigin.Manual ? ItemFile.Check(items, form) : []).ToList();
        if (errors.Count > 0) return new ItemsAdded(0, 0, errors);
        var added = await intake.AddAsync(db, project,
            items.Select(x => (x.Item.Draft(origin), x.Item.ParsedRole()!.Value, x.Item.Expected)), origin, ct);
        audit.Record(db, user, AddedAction, project.Slug, studyId, $"{added} item(s) {what}");
        await db.SaveChangesAsync(ct);
        return new ItemsAdded(added, items.Count - added, []);
    }
}

/// <summary>An item as researchers see it in the list.</summary>
/// <param name="ItemId">Pseudonymous id.</param>
/// <param name="Role">Regular, gold or qualification.</param>
/// <param name="Origin">Session, manual or file.</param>
/// <param name="SourceKey">Where it came from.</param>
/// <param name="SessionId">The source session, if any.</param>
/// <param name="StageKey">The source stage.</param>
/// <param name="TurnIndex">The rated turn.</param>
/// <param name="ArtifactKey">The rated artifact.</param>
/// <param name="Submitted">Ratings from annotators who are not excluded.</param>
/// <param name="Taken">Slots taken (ratings + live leases).</param>
/// <param name="Redactions">Replacements made by redaction, by kind (JSON), if any.</param>
/// <param name="ReviewedAt">When a reviewer adjudicated it.</param>
public sealed record ItemSummary(Guid ItemId, AnnotationItemRole Role, AnnotationItemOrigin Origin, string SourceKey, string? SessionId,
    string? StageKey, int? TurnIndex, string? ArtifactKey, int Submitted, int Taken, string? Redactions, DateTimeOffset? ReviewedAt);
