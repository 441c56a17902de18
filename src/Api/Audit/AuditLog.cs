using System.Security.Claims;
using InteractionLab.Api.Data;

namespace InteractionLab.Api.Audit;

/// <summary>
/// Records researcher and admin actions. The entry is added to the caller's context and saved with the change it
/// describes, so an action and its audit entry are committed together or not at all.
/// </summary>
public sealed class AuditLog(TimeProvider time)
{
    /// <summary>Adds an entry to <paramref name="db"/>; the caller's SaveChanges commits it with the change.</summary>
    public void Record(PlatformDbContext db, ClaimsPrincipal actor, string action, string target, Guid? studyId = null, string? detail = null) =>
        Record(db, actor.Identity?.Name ?? "anonymous", action, target, studyId, detail);

    /// <summary>Adds an entry for a named actor (e.g. "system", or a command-line user).</summary>
    public void Record(PlatformDbContext db, string actor, string action, string target, Guid? studyId = null, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = actor, Action = action, Target = target, StudyId = studyId, Detail = detail,
        });
}
