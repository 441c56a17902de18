using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class TraceEventConfiguration : IEntityTypeConfiguration<TraceEvent>
{
    public void Configure(EntityTypeBuilder<TraceEvent> b)
    {
        b.Property(e => e.Type).HasMaxLength(64);
        b.Property(e => e.Payload).IsJson();
        b.Property(e => e.StageKey).HasMaxLength(64);
        b.Property(e => e.PayloadIssue).HasMaxLength(300);
        // Sequences are reserved from the session's counter, so this never conflicts; it orders a session's events.
        b.HasIndex(e => new { e.SessionId, e.Origin, e.Sequence }).IsUnique();
        // Idempotent ingest relies on this key: a re-sent client event is found and not stored again. Only client
        // events carry it, so server events (every model token is one) do not pay for the index.
        b.HasIndex(e => new { e.SessionId, e.ClientInstance, e.ClientSequence }).IsUnique().HasFilter("\"ClientInstance\" IS NOT NULL");
        b.HasCommitOrder();
        // Incremental exports (?since=) scan by server time.
        b.HasIndex(e => e.ServerTime);
        b.HasOne<Session>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
