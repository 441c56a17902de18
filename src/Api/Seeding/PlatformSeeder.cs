using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Seeding;

/// <summary>First-start data: the staff roles, an admin account whose random password is shown once, the demo study.</summary>
public static class PlatformSeeder
{
    /// <summary>User name of the seeded admin account.</summary>
    public const string AdminUserName = "admin";

    /// <summary>Creates (or re-opens nothing of) a study from a config: a study row and version 1. Returns the study.</summary>
    public static async Task<Study> CreateStudyAsync(PlatformDbContext db, string slug, string owner, StudyConfig config,
        StudyStatus status, TimeProvider time, CancellationToken ct = default)
    {
        var problems = StudyConfigValidator.Validate(config);
        if (problems.Count > 0) throw new InvalidOperationException("Invalid study config: " + string.Join(" ", problems));
        var now = time.GetUtcNow();
        var study = new Study { Slug = slug, Owner = owner, Status = status, CreatedAt = now };
        study.Versions.Add(new StudyVersion
        {
            Number = 1, ConfigJson = ConfigHash.Canonical(config), ConfigHash = ConfigHash.Compute(config), CreatedAt = now,
        });
        db.Studies.Add(study);
        await db.SaveChangesAsync(ct);
        return study;
    }

    /// <summary>Adds the roles in <see cref="StaffRoles.All"/> that are missing.</summary>
    public static async Task SeedRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in StaffRoles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
    }

    /// <summary>
    /// Creates the first admin when there are no accounts at all and returns its one-time password; null when
    /// accounts exist (so a deleted admin is never silently recreated once others exist).
    /// </summary>
    public static async Task<string?> BootstrapAdminAsync(PlatformDbContext db, StaffAccountService accounts, CancellationToken ct = default) =>
        await db.Users.AnyAsync(ct) ? null : await accounts.CreateAsync("system", AdminUserName, StaffRoles.Admin, ct);

    /// <summary>Seeds the demo study when it is missing.</summary>
    public static async Task SeedDemoAsync(PlatformDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        if (!await db.Studies.AnyAsync(s => s.Slug == DemoStudy.Slug, ct))
            await CreateStudyAsync(db, DemoStudy.Slug, AdminUserName, DemoStudy.Config(), StudyStatus.Open, time, ct);
    }
}
