using System.Globalization;
using System.Security.Claims;
using System.Text;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain;
using InteractionLab.Domain.Tracing;
using InteractionLab.Domain.Writing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Imports;

/// <summary>
/// Imports public CoAuthor JSONL traces (one file per writing session) into a study, so existing data sets can be
/// replayed and analysed with the platform's metrics. Each readable file becomes a completed session of its own
/// pseudonymous participant on the study's latest version, flagged with <see cref="Session.ImportSource"/>; its
/// lines become client trace events in file order with the original line as payload. Each file is saved in one
/// transaction together with its audit entry, so a failing file leaves the files before it stored and nothing of itself.
/// </summary>
public sealed class CoAuthorImportService(PlatformDbContext db, IStudyAccess access, AuditLog audit, TimeProvider time)
{
    /// <summary>Most files in one request.</summary>
    public const int MaxFiles = 50;
    /// <summary>Most bytes in one request (all files together).</summary>
    public const long MaxRequestBytes = 20 * 1024 * 1024;
    /// <summary>The audit action of an import.</summary>
    public const string AuditAction = "study.import-coauthor";
    /// <summary>The condition key imported sessions carry: no configured condition, so they never count toward balance or quotas.</summary>
    public const string ImportedCondition = "imported";
    /// <summary>Prefix of <see cref="Session.ImportSource"/> for these imports.</summary>
    public const string SourcePrefix = "coauthor:";

    /// <summary>
    /// Imports <paramref name="files"/> into study <paramref name="studyId"/> for <paramref name="user"/>: a staff
    /// member who manages the study, or an API key with the import scope for it (or for every study).
    /// </summary>
    public async Task<CoAuthorImportReport> ImportAsync(ClaimsPrincipal user, Guid studyId, IReadOnlyList<CoAuthorUpload> files, CancellationToken ct = default)
    {
        CheckLimits(files.Count, files.Sum(f => (long)f.Content.Length));
        db.ChangeTracker.Clear();
        var study = await AuthorizeAsync(user, studyId, ct);
        var version = await db.StudyVersions.AsNoTracking().Where(v => v.StudyId == studyId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct)
            ?? throw PlatformProblemException.Conflict("The study has no saved version yet; save its configuration once, then import.");

        var results = new List<CoAuthorFileResult>(files.Count);
        foreach (var file in files)
            results.Add(await ImportFileAsync(user, study, version, file, ct));
        return new CoAuthorImportReport(results);
    }

    /// <summary>Refuses a request of <paramref name="files"/> files and <paramref name="bytes"/> bytes when it is empty, more than <see cref="MaxFiles"/> files (400) or more than <see cref="MaxRequestBytes"/> (413).</summary>
    public static void CheckLimits(int files, long bytes)
    {
        if (files == 0)
            throw PlatformProblemException.BadInput("Choose at least one CoAuthor .jsonl file (form field 'files').");
        if (files > MaxFiles)
            throw PlatformProblemException.BadInput($"At most {MaxFiles} files can be imported at once; this request has {files}. Split it into several imports.");
        if (bytes > MaxRequestBytes) throw TooLarge(bytes);
    }

    /// <summary>The 413 problem for a request of <paramref name="bytes"/> bytes (null when unknown).</summary>
    public static PlatformProblemException TooLarge(long? bytes) => new(413, "Upload too large",
        $"At most {MaxRequestBytes / (1024 * 1024)} MB can be imported at once"
        + (bytes is { } b ? $"; this upload has {(b / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} MB" : "")
        + ". Split it into several imports.");

    // The same rule as every staff-or-key endpoint: a key bound to another study gets 403, staff see only theirs.
    private Task<Study> AuthorizeAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct) =>
        access.GetStudyAsync(db, user, studyId, manage: true, ct);

    private async Task<CoAuthorFileResult> ImportFileAsync(ClaimsPrincipal user, Study study, StudyVersion version, CoAuthorUpload file, CancellationToken ct)
    {
        var text = Decode(file.Content);
        var trace = CoAuthorTraceReader.ReadText(file.FileName, text);
        if (trace.Events.Count == 0)
        {
            var errors = trace.Errors.Count > 0 ? trace.Errors : [new LineError(0, "the file holds no events")];
            return new CoAuthorFileResult(file.FileName, null, 0, errors, new ReplayCheck(ReplayOutcome.NotChecked, null, null, "Nothing was stored, so nothing was replayed."));
        }

        // The payload is the original line, as the data set has it; the reader numbers lines the same way.
        var lines = Lines(text);
        var now = time.GetUtcNow();
        var stamps = trace.Events.Where(e => e.TimestampMs is not null).Select(e => e.TimestampMs!.Value).ToList();
        var started = stamps.Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(stamps.Min()) : now;
        var ended = stamps.Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(stamps.Max()) : now;
        var participant = new Participant { CreatedAt = started };
        var session = new Session
        {
            StudyId = study.Id, StudyVersionId = version.Id, ParticipantId = participant.Id, ConfigHash = version.ConfigHash,
            ConditionKey = ImportedCondition, Status = SessionStatus.Completed, StartedAt = started, LastSeenAt = ended,
            CompletedAt = ended, ClientSequenceWatermark = trace.Events.Count, ImportSource = SourcePrefix + file.FileName,
        };
        db.Participants.Add(participant);
        db.Sessions.Add(session);
        // EF rather than ITraceEventWriter: the writer commits on its own connection (group commit), and a file's
        // session, events and audit entry must commit together. EF batches the inserts (a few round trips per file).
        var sequence = 0L;
        foreach (var e in trace.Events)
        {
            db.TraceEvents.Add(new Data.TraceEvent
            {
                SessionId = session.Id, Origin = TraceOrigin.Client, Sequence = ++sequence, ClientTimeMs = e.TimestampMs,
                ServerTime = now, Type = e.EventName, Payload = lines[e.LineNumber - 1],
            });
        }
        audit.Record(db, user, AuditAction, study.Slug, study.Id,
            $"{file.FileName}: session {session.Id}, {trace.Events.Count} events, {trace.Errors.Count} unreadable lines");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return new CoAuthorFileResult(file.FileName, session.Id.ToString(), trace.Events.Count, trace.Errors, ReplayCheck.Of(trace.Events));
    }

    private static string Decode(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        using var reader = new StringReader(text);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine()) lines.Add(line);
        return lines;
    }
}
