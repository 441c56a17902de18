using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
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
/// Imports public CoAuthor / HALIE logs (one JSONL file per writing session, plain or in a zip archive, with the data
/// set's <c>session.txt</c> metadata) into a study, so existing data sets can be replayed and analysed with the
/// platform's metrics. Each new log becomes a completed session of its own pseudonymous participant on the study's
/// latest version, in the condition of its model when the metadata names one; its lines become client trace events
/// in file order with the original line as payload; where it came from is kept as an <see cref="ImportedSession"/>.
/// The same log posted again (same bytes) adds nothing and is answered with its existing session. Each log is saved
/// in one transaction with its audit entry, so a failing log leaves the logs before it stored and nothing of itself.
/// </summary>
public sealed class CoAuthorImportService(IDbContextFactory<PlatformDbContext> dbFactory, IStudyAccess access, AuditLog audit, TimeProvider time)
{
    /// <summary>Most files in one request (an archive counts as one).</summary>
    public const int MaxFiles = 50;
    /// <summary>Most bytes in one request (all files together, archives packed).</summary>
    public const long MaxRequestBytes = 20 * 1024 * 1024;
    /// <summary>The audit action of an import.</summary>
    public const string AuditAction = "study.import-coauthor";
    /// <summary>The condition key of imported sessions whose model is not known: no configured condition, so they never count toward balance or quotas.</summary>
    public const string ImportedCondition = "imported";
    /// <summary>Prefix of <see cref="Session.ImportSource"/> for these imports.</summary>
    public const string SourcePrefix = "coauthor:";

    /// <summary>
    /// Imports <paramref name="files"/> into study <paramref name="studyId"/> for <paramref name="user"/>: a staff
    /// member who manages the study, or an API key with the import scope for it (or for every study).
    /// <paramref name="progress"/> hears (logs done, logs in all) after each log.
    /// </summary>
    public async Task<CoAuthorImportReport> ImportAsync(ClaimsPrincipal user, Guid studyId, IReadOnlyList<CoAuthorUpload> files,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        CheckLimits(files.Count, files.Sum(f => (long)f.Content.Length));
        Study study;
        StudyVersion version;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // The same rule as every staff-or-key endpoint: a key bound to another study gets 403, staff see only theirs.
            study = await access.GetStudyAsync(db, user, studyId, manage: true, ct);
            version = await db.StudyVersions.AsNoTracking().Where(v => v.StudyId == studyId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct)
                ?? throw PlatformProblemException.Conflict("The study has no saved version yet; save its configuration once, then import.");
        }

        using var set = CoAuthorUploadSet.Open(files);
        var metadata = set.Metadata;
        var results = new List<CoAuthorFileResult>(set.Logs.Count);
        var skipped = set.Skipped.ToList();
        foreach (var log in set.Logs)
        {
            if (set.SessionIds is { } listed && !listed.Contains(log.SourceSessionId))
                skipped.Add(new SkippedUpload(log.Name, $"not listed in {CoAuthorUploadSet.SessionListFileName}"));
            else
                results.Add(await ImportLogAsync(user, study, version, log, metadata.For(log.SourceSessionId), ct));
            progress?.Report((results.Count + skipped.Count - set.Skipped.Count, set.Logs.Count));
        }
        return new CoAuthorImportReport(results, skipped, metadata.Sessions.Count, metadata.Errors);
    }

    /// <summary>Refuses a request of <paramref name="files"/> files and <paramref name="bytes"/> bytes when it is empty, more than <see cref="MaxFiles"/> files (400) or more than <see cref="MaxRequestBytes"/> (413).</summary>
    public static void CheckLimits(int files, long bytes)
    {
        if (files == 0)
            throw PlatformProblemException.BadInput("Choose at least one CoAuthor .jsonl file or a .zip of them (form field 'files').");
        if (files > MaxFiles)
            throw PlatformProblemException.BadInput($"At most {MaxFiles} files can be imported at once; this request has {files}. Split it into several imports, or zip the logs into one archive.");
        if (bytes > MaxRequestBytes) throw TooLarge(bytes);
    }

    /// <summary>The 413 problem for a request of <paramref name="bytes"/> bytes (null when unknown).</summary>
    public static PlatformProblemException TooLarge(long? bytes) => new(413, "Upload too large",
        $"At most {MaxRequestBytes / (1024 * 1024)} MB can be imported at once"
        + (bytes is { } b ? $"; this upload has {(b / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} MB" : "")
        + ". Split it into several imports.");

    private async Task<CoAuthorFileResult> ImportLogAsync(ClaimsPrincipal user, Study study, StudyVersion version, CoAuthorLog log,
        CoAuthorSessionMetadata? metadata, CancellationToken ct)
    {
        byte[] content;
        try
        {
            content = log.Read();
        }
        catch (InvalidDataException e)
        {
            return NotImported(log, [new LineError(0, $"the archive entry could not be unpacked: {e.Message}")]);
        }
        var text = CoAuthorUploadSet.Decode(content);
        var trace = CoAuthorTraceReader.ReadText(log.Name, text);
        if (trace.Events.Count == 0)
            return NotImported(log, trace.Errors.Count > 0 ? trace.Errors : [new LineError(0, "the file holds no events")]);

        var digest = Convert.ToHexStringLower(SHA256.HashData(content));
        var replay = ReplayCheck.Of(trace.Events);
        if (await ExistingAsync(study.Id, digest, ct) is { } existing)
            return new CoAuthorFileResult(log.Name, ImportStatus.AlreadyImported, existing.Session, log.SourceSessionId, existing.Condition, 0, trace.Errors, replay);

        var errors = trace.Errors.ToList();
        var condition = ImportedCondition;
        if (metadata?.ModelName is { } model)
        {
            if (model.Length <= 64) condition = model;
            else errors.Add(new LineError(0, $"{CoAuthorUploadSet.MetadataFileName} line {metadata.LineNumber}: the model name is longer than 64 characters, so the session stays in condition '{ImportedCondition}'"));
        }
        // A context per log: a log that fails leaves nothing of itself behind for the next one to save.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = Store(db, study, version, log, metadata, condition, digest, trace, Lines(text));
        audit.Record(db, user, AuditAction, study.Slug, study.Id,
            $"{log.Name}: session {session.Id}, condition {condition}, {trace.Events.Count} events, {trace.Errors.Count} unreadable lines");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request may have stored the same log a moment earlier: the unique digest refused this copy.
            if (await ExistingAsync(study.Id, digest, ct) is not { } raced) throw;
            return new CoAuthorFileResult(log.Name, ImportStatus.AlreadyImported, raced.Session, log.SourceSessionId, raced.Condition, 0, trace.Errors, replay);
        }
        return new CoAuthorFileResult(log.Name, ImportStatus.Imported, session.Id.ToString(), log.SourceSessionId, condition, trace.Events.Count, errors, replay);
    }

    private Session Store(PlatformDbContext db, Study study, StudyVersion version, CoAuthorLog log, CoAuthorSessionMetadata? metadata, string condition,
        string digest, TraceImport trace, List<string> lines)
    {
        var now = time.GetUtcNow();
        var stamps = trace.Events.Where(e => e.TimestampMs is not null).Select(e => e.TimestampMs!.Value).ToList();
        var started = stamps.Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(stamps.Min()) : now;
        var ended = stamps.Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(stamps.Max()) : now;
        var participant = new Participant { CreatedAt = started };
        var session = new Session
        {
            StudyId = study.Id, StudyVersionId = version.Id, ParticipantId = participant.Id, ConfigHash = version.ConfigHash,
            ConditionKey = condition, Status = SessionStatus.Completed, StartedAt = started, LastSeenAt = ended,
            CompletedAt = ended, ClientSequenceWatermark = trace.Events.Count, ImportSource = Truncate(SourcePrefix + log.Name, 300),
        };
        db.Participants.Add(participant);
        db.Sessions.Add(session);
        db.ImportedSessions.Add(new ImportedSession
        {
            SessionId = session.Id, StudyId = study.Id, SourceSessionId = Truncate(metadata?.SessionId ?? log.SourceSessionId, 200),
            ContentSha256 = digest, Model = metadata?.Model is { } m ? Truncate(m, 200) : null,
            Prompt = metadata?.Example is { } p ? Truncate(p, 500) : null, DecodingJson = metadata?.DecodingJson,
        });
        // EF rather than ITraceEventWriter: the writer commits on its own connection (group commit), and a log's
        // session, events and audit entry must commit together. EF batches the inserts (a few round trips per log).
        // The payload is the original line, as the data set has it; the reader numbers lines the same way.
        var sequence = 0L;
        foreach (var e in trace.Events)
        {
            db.TraceEvents.Add(new Data.TraceEvent
            {
                SessionId = session.Id, Origin = TraceOrigin.Client, Sequence = ++sequence, ClientTimeMs = e.TimestampMs,
                ServerTime = now, Type = e.EventName.Length <= 64 ? e.EventName : e.EventName[..64], Payload = lines[e.LineNumber - 1],
            });
        }
        return session;
    }

    private async Task<(string Session, string Condition)?> ExistingAsync(Guid studyId, string digest, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from i in db.ImportedSessions.AsNoTracking()
                           join s in db.Sessions on i.SessionId equals s.Id
                           where i.StudyId == studyId && i.ContentSha256 == digest
                           select new { i.SessionId, s.ConditionKey }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.SessionId.ToString(), found.ConditionKey);
    }

    private static CoAuthorFileResult NotImported(CoAuthorLog log, IReadOnlyList<LineError> errors) =>
        new(log.Name, ImportStatus.NotImported, null, log.SourceSessionId, null, 0, errors, ReplayCheck.NothingStored);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        using var reader = new StringReader(text);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine()) lines.Add(line);
        return lines;
    }
}
