using InteractionLab.Api.Data;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Studies;

/// <summary>
/// Reads the task types from the study's stored versions. Every version counts, not only the latest: a study whose
/// earlier version ran interviews still has values to review after the stage was taken out.
/// </summary>
public sealed class StudyTaskTypes(PlatformDbContext db) : IStudyTaskTypes
{
    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> OfStudyAsync(Guid studyId, CancellationToken ct = default)
    {
        var configs = await db.StudyVersions.AsNoTracking().Where(v => v.StudyId == studyId).Select(v => v.ConfigJson).ToListAsync(ct);
        return configs.SelectMany(json => ConfigHash.Parse(json).Stages).Select(s => s.Task?.Type).OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }
}
