using System.Runtime.CompilerServices;
using System.Security.Claims;
using InteractionLab.Api.Data;

namespace InteractionLab.Api.Audit;

/// <summary>
/// Records researcher and admin actions. The entry is added to the caller's context and saved with the change it
/// describes, so an action and its audit entry are committed together or not at all.
/// </summary>
public sealed class AuditLog(TimeProvider time)
{
    // Who is behind each unsaved entry, so the save can check they are still allowed (StaffStandingInterceptor).
    private readonly ConditionalWeakTable<AuditEntry, ClaimsPrincipal> _actors = new();

    /// <summary>Adds an entry to <paramref name="db"/>; the caller's SaveChanges commits it with the change.</summary>
    public void Record(PlatformDbContext db, ClaimsPrincipal actor, string action, string target, Guid? studyId = null, string? detail = null) =>
        _actors.AddOrUpdate(Add(db, actor.Identity?.Name ?? "anonymous", action, target, studyId, detail), actor);

    /// <summary>Adds an entry for a named actor (e.g. "system", or a command-line user).</summary>
    public void Record(PlatformDbContext db, string actor, string action, string target, Guid? studyId = null, string? detail = null) =>
        Add(db, actor, action, target, studyId, detail);

    /// <summary>The signed-in person an entry was recorded for; null for named actors.</summary>
    public ClaimsPrincipal? ActorOf(AuditEntry entry) => _actors.TryGetValue(entry, out var actor) ? actor : null;

    private AuditEntry Add(PlatformDbContext db, string actor, string action, string target, Guid? studyId, string? detail)
    {
        var entry = new AuditEntry { At = time.GetUtcNow(), Actor = actor, Action = action, Target = target, StudyId = studyId, Detail = detail };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
