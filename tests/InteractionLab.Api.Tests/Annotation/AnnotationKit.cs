using System.Security.Claims;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Projects;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>Studies, projects and annotators for the annotation tests, made through the platform's own services.</summary>
public static class AnnotationKit
{
    /// <summary>The owner of the studies <see cref="TestStudies"/> makes, as an admin.</summary>
    public static readonly ClaimsPrincipal Researcher = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "tester"), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "test"));

    /// <summary>A one-question yes/no form.</summary>
    public static SurveyConfig YesNoForm(string key = "good") => new([new SurveyItem(key, SurveyItemKind.YesNo, "Is it good?")]);

    /// <summary>A service of the running platform.</summary>
    public static T Get<T>(this PlatformFixture platform) where T : notnull => platform.Factory.Services.GetRequiredService<T>();

    /// <summary>A project of <paramref name="studyId"/> made by the researcher.</summary>
    public static async Task<ProjectSaved> ProjectAsync(this PlatformFixture platform, Guid studyId, AnnotationProjectConfig config) =>
        await platform.Get<AnnotationProjects>().CreateAsync(Researcher, studyId, new CreateAnnotationProject(Config: config));

    /// <summary>A project of hand-made text items "t1"…"tn" with k raters and a yes/no form.</summary>
    public static async Task<(Guid StudyId, Guid ProjectId)> ManualProjectAsync(this PlatformFixture platform, int items, int k,
        Func<AnnotationProjectConfig, AnnotationProjectConfig>? change = null)
    {
        var (_, studyId) = await platform.CreateAsync();
        var config = new AnnotationProjectConfig { Name = "Manual", Target = AnnotationTarget.Manual, Form = YesNoForm(), RatersPerItem = k };
        var project = (await platform.ProjectAsync(studyId, (change ?? (c => c))(config))).Project;
        if (items > 0)
        {
            var added = await platform.Get<ProjectItems>().AddAsync(Researcher, studyId, project.Id,
                Enumerable.Range(1, items).Select(i => new ManualItem($"t{i}", $"Text number {i}.")).ToList());
            Assert.Empty(added.Errors);
        }
        return (studyId, project.Id);
    }

    /// <summary>Annotators of a project (staff kind, each standing for a different account).</summary>
    public static async Task<IReadOnlyList<Guid>> AnnotatorsAsync(this PlatformFixture platform, Guid projectId, int count)
    {
        await using var scope = platform.Scope(out var db);
        var annotators = Enumerable.Range(0, count)
            .Select(_ => new Annotator { ProjectId = projectId, Kind = AnnotatorKind.Staff, StaffUserId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow }).ToList();
        db.Annotators.AddRange(annotators);
        await db.SaveChangesAsync();
        return annotators.Select(a => a.Id).ToList();
    }

    /// <summary>The items of a project with their assignments.</summary>
    public static async Task<IReadOnlyList<(AnnotationItem Item, IReadOnlyList<AnnotationAssignment> Assignments)>> ItemsAsync(this PlatformFixture platform, Guid projectId)
    {
        await using var scope = platform.Scope(out var db);
        var items = await db.AnnotationItems.AsNoTracking().Where(i => i.ProjectId == projectId).OrderBy(i => i.Id).ToListAsync();
        var assignments = await db.AnnotationAssignments.AsNoTracking().Where(a => a.ProjectId == projectId).ToListAsync();
        return items.Select(i => (i, (IReadOnlyList<AnnotationAssignment>)assignments.Where(a => a.ItemId == i.Id).ToList())).ToList();
    }
}
