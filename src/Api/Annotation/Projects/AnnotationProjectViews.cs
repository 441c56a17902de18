using InteractionLab.Api.Annotation.Data;
using InteractionLab.Domain.Annotation;

namespace InteractionLab.Api.Annotation.Projects;

/// <summary>A project as researchers see it.</summary>
/// <param name="Id">Project id.</param>
/// <param name="StudyId">Its study.</param>
/// <param name="Slug">Short name in the crowd link <c>/a/{slug}</c>.</param>
/// <param name="Status">Open, paused or closed.</param>
/// <param name="Revision">Pass it back when saving the config (optimistic concurrency).</param>
/// <param name="ConfigHash">SHA-256 of the canonical config, stamped on every rating.</param>
/// <param name="Config">The config.</param>
/// <param name="Counts">Items and ratings so far.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record AnnotationProjectView(
    Guid Id, Guid StudyId, string Slug, AnnotationProjectStatus Status, int Revision, string ConfigHash,
    AnnotationProjectConfig Config, ProjectCounts Counts, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>How far a project is.</summary>
/// <param name="Items">Regular items.</param>
/// <param name="Complete">Regular items with k ratings from annotators who are not excluded.</param>
/// <param name="Gold">Gold items.</param>
/// <param name="Qualification">Qualification items.</param>
/// <param name="Ratings">Submitted assignments (items rated), excluded annotators' included.</param>
/// <param name="Annotators">Annotators who asked for at least one item.</param>
public sealed record ProjectCounts(int Items, int Complete, int Gold, int Qualification, int Ratings, int Annotators)
{
    /// <summary>Ratings still needed for every regular item to have k.</summary>
    public double Share => Items == 0 ? 0 : (double)Complete / Items;
}

/// <summary>Body of a project creation: a template key, or a config of your own (then the template is ignored).</summary>
/// <param name="Template">Key of a ready-made project (<c>GET …/annotation/templates</c>).</param>
/// <param name="Config">A config of your own.</param>
/// <param name="Slug">Short name for the crowd link; made from the name when empty.</param>
public sealed record CreateAnnotationProject(string? Template = null, AnnotationProjectConfig? Config = null, string? Slug = null);

/// <summary>Body of a status change.</summary>
/// <param name="Status">The new status.</param>
public sealed record ProjectStatusChange(AnnotationProjectStatus Status);

/// <summary>What creating a project or saving its config did.</summary>
/// <param name="Project">The project now.</param>
/// <param name="ItemsAdded">Items that flowed in from completed sessions (the backfill).</param>
public sealed record ProjectSaved(AnnotationProjectView Project, int ItemsAdded);
