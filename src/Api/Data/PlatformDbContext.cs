using InteractionLab.Api.Annotation.Data;
using InteractionLab.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace InteractionLab.Api.Data;

/// <summary>
/// The platform's one database context; the same model runs on PostgreSQL and SQLite. It is also the Identity
/// store for staff accounts and roles, so an account change and its audit entry share one SaveChanges.
/// </summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>Studies.</summary>
    public DbSet<Study> Studies => Set<Study>();
    /// <summary>Frozen study configurations.</summary>
    public DbSet<StudyVersion> StudyVersions => Set<StudyVersion>();
    /// <summary>Pseudonymous participants.</summary>
    public DbSet<Participant> Participants => Set<Participant>();
    /// <summary>Recruitment-platform ids.</summary>
    public DbSet<ParticipantExternalId> ParticipantExternalIds => Set<ParticipantExternalId>();
    /// <summary>Participant sessions.</summary>
    public DbSet<Session> Sessions => Set<Session>();
    /// <summary>Where imported sessions came from (source session id, log digest, metadata).</summary>
    public DbSet<ImportedSession> ImportedSessions => Set<ImportedSession>();
    /// <summary>Dialogue turns.</summary>
    public DbSet<Turn> Turns => Set<Turn>();
    /// <summary>Trace events from browser and server.</summary>
    public DbSet<TraceEvent> TraceEvents => Set<TraceEvent>();
    /// <summary>Survey answers.</summary>
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    /// <summary>Hashed API keys.</summary>
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    /// <summary>Studies shared with researchers other than their owner.</summary>
    public DbSet<StudyShare> StudyShares => Set<StudyShare>();
    /// <summary>Researcher and admin actions.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    /// <summary>Model endpoints registered by admins.</summary>
    public DbSet<ModelEndpoint> ModelEndpoints => Set<ModelEndpoint>();
    /// <summary>Reusable questionnaires for the survey builder.</summary>
    public DbSet<SurveyInstrument> SurveyInstruments => Set<SurveyInstrument>();
    /// <summary>Canonical values cards of moral graphs (interviewed here or imported).</summary>
    public DbSet<ValuesCardRecord> ValuesCards => Set<ValuesCardRecord>();
    /// <summary>Individual wiser-than votes of moral graphs.</summary>
    public DbSet<WiserVoteRecord> WiserVotes => Set<WiserVoteRecord>();
    /// <summary>Values interviews (moral graph elicitation) with their prompt hashes and current card.</summary>
    public DbSet<InterviewChat> InterviewChats => Set<InterviewChat>();
    /// <summary>Wiser-than hypotheses (stories from one value to another) under review or shown to voters.</summary>
    public DbSet<WiserHypothesis> WiserHypotheses => Set<WiserHypothesis>();
    /// <summary>Uploaded stimulus sets (items, puzzles, documents, seeds); demo sets are not stored.</summary>
    public DbSet<StimulusSet> StimulusSets => Set<StimulusSet>();
    /// <summary>Numbers each session has handed out (sequence numbers, turn indexes).</summary>
    public DbSet<SessionCounter> SessionCounters => Set<SessionCounter>();

    /// <summary>Background jobs staff started and their latest progress (Hangfire runs them).</summary>
    public DbSet<JobRecord> Jobs => Set<JobRecord>();
    /// <summary>Annotation projects (third-party ratings) of studies.</summary>
    public DbSet<AnnotationProject> AnnotationProjects => Set<AnnotationProject>();
    /// <summary>Items to rate: blinded, redacted snapshots with their queue counters.</summary>
    public DbSet<AnnotationItem> AnnotationItems => Set<AnnotationItem>();
    /// <summary>Raters per project (staff or crowd), under pseudonymous ids.</summary>
    public DbSet<Annotator> Annotators => Set<Annotator>();
    /// <summary>Items handed to annotators: leases, submissions, skips.</summary>
    public DbSet<AnnotationAssignment> AnnotationAssignments => Set<AnnotationAssignment>();
    /// <summary>Third-party ratings, one per question (and turn).</summary>
    public DbSet<AnnotationRating> AnnotationRatings => Set<AnnotationRating>();
    /// <summary>Reviewers' adjudicated values.</summary>
    public DbSet<AnnotationAdjudication> AnnotationAdjudications => Set<AnnotationAdjudication>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<SessionId>().HaveConversion<SessionIdConverter>();
        // SQLite cannot compare or order DateTimeOffset values in SQL; a sortable integer form can.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlatformDbContext).Assembly);
        var jsonType = Database.IsNpgsql() ? "jsonb" : "TEXT";
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.FindAnnotation(JsonColumn.Annotation) is not null)
                property.SetColumnType(jsonType);
            // SQLite needs no commit order (id order is commit order there); its column stays 0.
            if (property.FindAnnotation(CommitOrder.Annotation) is not null && Database.IsNpgsql())
            {
                property.SetDefaultValueSql(CommitOrder.PostgresDefault);
                ((IMutableEntityType)property.DeclaringType).AddIndex(property).SetMethod("brin");
            }
        }
    }

    private sealed class SessionIdConverter() : ValueConverter<SessionId, Guid>(v => v.Value, v => new SessionId(v));
}
