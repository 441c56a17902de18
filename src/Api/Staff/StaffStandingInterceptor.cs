using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InteractionLab.Api.Staff;

/// <summary>
/// Refuses a save that audits an action of a staff member whose account changed after they signed in
/// (<see cref="StaffStanding"/>). Every privileged change writes an audit entry in the same save, so checking here
/// covers every one of them, from any page or endpoint, at the moment it would be committed.
/// </summary>
public sealed class StaffStandingInterceptor(AuditLog audit, TimeProvider time) : SaveChangesInterceptor
{
    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PlatformDbContext db)
            foreach (var actor in Actors(db))
                if (!StaffStanding.IsCurrent(db, actor, time.GetUtcNow())) throw StaffStanding.Changed();
        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PlatformDbContext db)
            foreach (var actor in Actors(db))
                await StaffStanding.RequireCurrentAsync(db, actor, time.GetUtcNow(), cancellationToken);
        return result;
    }

    private List<System.Security.Claims.ClaimsPrincipal> Actors(PlatformDbContext db) =>
        db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added)
            .Select(e => audit.ActorOf(e.Entity)).OfType<System.Security.Claims.ClaimsPrincipal>().Distinct().ToList();
}
