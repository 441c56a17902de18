using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Imports;
using InteractionLab.Api.Staff;
using InteractionLab.Domain;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>
/// A session's writing trace for the researcher's replay: the editor's <c>writing.*</c> events (or all events of an
/// imported CoAuthor session) converted to the Domain's CoAuthor events. Static so the replay component needs no
/// registration: it passes its scope's database and study access.
/// </summary>
public static class WritingTraceQuery
{
    /// <summary>The session's writing events in order (empty when it has none); 404 problem when the user may not
    /// manage the study or the session is not one of its sessions.</summary>
    public static async Task<IReadOnlyList<Domain.Writing.TraceEvent>> ReadAsync(
        PlatformDbContext db, IStudyAccess access, ClaimsPrincipal user, Guid studyId, SessionId sessionId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId && s.StudyId == studyId)
            .Select(s => new { s.ImportSource }).SingleOrDefaultAsync(ct)
            ?? throw new PlatformProblemException(404, "Session not found", $"Study '{study.Slug}' has no session {sessionId}.");
        var imported = session.ImportSource?.StartsWith(CoAuthorImportService.SourcePrefix, StringComparison.Ordinal) == true;
        var rows = await db.TraceEvents.AsNoTracking()
            .Where(e => e.SessionId == sessionId && e.Origin == TraceOrigin.Client && (imported || e.Type.StartsWith(WritingTrace.Prefix)))
            .OrderBy(e => e.Sequence)
            .Select(e => new StoredWritingEvent(e.Type, e.Payload, e.ClientTimeMs))
            .ToListAsync(ct);
        return WritingTrace.ToDomain(rows);
    }
}
