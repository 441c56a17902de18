using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tests.Infrastructure;

/// <summary>Creates studies with unique slugs so tests in one class never share sessions.</summary>
public static class TestStudies
{
    /// <summary>A study from the demo config, optionally changed; returns its slug and id.</summary>
    public static async Task<(string Slug, Guid Id)> CreateAsync(this ITestPlatform platform,
        Func<StudyConfig, StudyConfig>? change = null, StudyStatus status = StudyStatus.Open)
    {
        var slug = "t" + Guid.NewGuid().ToString("N")[..12];
        var config = (change ?? (c => c))(DemoStudy.Config());
        await using var scope = platform.Scope(out var db);
        var study = await PlatformSeeder.CreateStudyAsync(db, slug, "tester", config, status, TimeProvider.System);
        return (slug, study.Id);
    }

    /// <summary>The demo config without the chat task (instructions → survey(s) → debrief), for survey tests.</summary>
    public static StudyConfig WithoutChat(StudyConfig c) => c with { Stages = c.Stages.Where(s => s.Kind != StageKind.Task).ToList() };
}
