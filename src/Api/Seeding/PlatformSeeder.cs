using System.Security.Cryptography;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Studies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Seeding;

/// <summary>First-start data: the demo study and an admin account whose random password is shown once.</summary>
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

    /// <summary>Seeds what is missing; returns the admin's one-time password when the account was just created.</summary>
    public static async Task<string?> SeedAsync(PlatformDbContext db, TimeProvider time, CancellationToken ct = default)
    {
        if (!await db.Studies.AnyAsync(s => s.Slug == DemoStudy.Slug, ct))
            await CreateStudyAsync(db, DemoStudy.Slug, AdminUserName, DemoStudy.Config(), StudyStatus.Open, time, ct);
        if (await db.Accounts.AnyAsync(ct)) return null;

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
        var account = new Account { UserName = AdminUserName, PasswordHash = "", Role = "admin", CreatedAt = time.GetUtcNow() };
        account.PasswordHash = new PasswordHasher<Account>().HashPassword(account, password);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        return password;
    }
}
