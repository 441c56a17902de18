using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> b)
    {
        b.Property(s => s.ConfigHash).HasMaxLength(64);
        b.Property(s => s.ConditionKey).HasMaxLength(64);
        b.Property(s => s.CompletionCode).HasMaxLength(64);
        b.Property(s => s.ImportSource).HasMaxLength(300);
        // Assignment counts and the sessions export filter by study (and status). LastSeenAt is deliberately not
        // indexed: it changes with every event batch, and an index on it would turn those into non-HOT updates.
        b.HasIndex(s => new { s.StudyId, s.Status, s.ConditionKey });
        b.HasIndex(s => s.ParticipantId);
        b.Property(s => s.ResumeCodeHash).HasMaxLength(64);
        // A resume code is looked up within its study; codes are random, so a collision is possible but not unique-worthy.
        b.HasIndex(s => new { s.StudyId, s.ResumeCodeHash });
        // The live dashboard's "recently active" list and its failure scan read sessions by last activity.
        b.HasIndex(s => new { s.StudyId, s.LastSeenAt });
        b.HasOne<Study>().WithMany().HasForeignKey(s => s.StudyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StudyVersion>().WithMany().HasForeignKey(s => s.StudyVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(s => s.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}
