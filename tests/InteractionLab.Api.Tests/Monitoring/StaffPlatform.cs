using InteractionLab.Api.Seeding;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tests.Monitoring;

/// <summary>
/// The platform fixture for tests of the staff API: its clients ask for JSON, as a researcher's script would, and
/// studies are created for a named owner.
/// </summary>
public sealed class StaffPlatform : PlatformFixture
{
    /// <inheritdoc />
    protected override bool ClientsAcceptJson => true;

    /// <summary>A study owned by <paramref name="owner"/> from the demo config (optionally changed).</summary>
    public async Task<(string Slug, Guid Id)> CreateStudyAsync(string owner, StudyStatus status, Func<StudyConfig, StudyConfig>? change = null)
    {
        var slug = "m" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = Scope(out var db);
        var study = await PlatformSeeder.CreateStudyAsync(db, slug, owner, (change ?? (c => c))(DemoStudy.Config()), status, TimeProvider.System);
        return (slug, study.Id);
    }
}
