using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>Principals, owned studies and audit look-ups for the staff tests.</summary>
public static class StaffTestSupport
{
    /// <summary>A signed-in staff member as a service sees them (what the pages pass on from AuthenticationState).</summary>
    public static ClaimsPrincipal Principal(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    /// <summary>A study owned by <paramref name="owner"/> with a unique slug.</summary>
    public static async Task<(string Slug, Guid Id)> CreateOwnedStudyAsync(this PlatformFixture platform, string owner, StudyStatus status = StudyStatus.Draft)
    {
        var slug = "s" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = platform.Scope(out var db);
        var study = await PlatformSeeder.CreateStudyAsync(db, slug, owner, DemoStudy.Config(), status, TimeProvider.System);
        return (slug, study.Id);
    }

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope (as one request or circuit would).</summary>
    public static async Task<T> WithAsync<TService, T>(this PlatformFixture platform, Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope.</summary>
    public static async Task WithAsync<TService>(this PlatformFixture platform, Func<TService, Task> action) where TService : notnull
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The audit entries about <paramref name="target"/>, oldest first.</summary>
    public static async Task<List<AuditEntry>> AuditOfAsync(this PlatformFixture platform, string target)
    {
        await using var scope = platform.Scope(out var db);
        return await db.AuditEntries.Where(e => e.Target == target).OrderBy(e => e.Id).ToListAsync();
    }
}
