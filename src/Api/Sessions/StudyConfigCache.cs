using System.Collections.Concurrent;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Sessions;

/// <summary>Parsed study configs by version id. Versions are frozen, so a cached parse never goes stale.</summary>
public sealed class StudyConfigCache
{
    private readonly ConcurrentDictionary<Guid, StudyConfig> _configs = new();

    /// <summary>The config of a study version.</summary>
    public async Task<StudyConfig> GetAsync(PlatformDbContext db, Guid studyVersionId, CancellationToken ct)
    {
        if (_configs.TryGetValue(studyVersionId, out var config)) return config;
        var json = await db.StudyVersions.Where(v => v.Id == studyVersionId).Select(v => v.ConfigJson).SingleAsync(ct);
        return _configs.GetOrAdd(studyVersionId, ConfigHash.Parse(json));
    }
}
