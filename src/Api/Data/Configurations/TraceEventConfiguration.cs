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
        // Idempotent ingest relies on this key: re-sent events conflict and are skipped.
        b.HasIndex(e => new { e.SessionId, e.Origin, e.Sequence }).IsUnique();
        // Incremental exports (?since=) scan by server time.
        b.HasIndex(e => e.ServerTime);
        b.HasOne<Session>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
