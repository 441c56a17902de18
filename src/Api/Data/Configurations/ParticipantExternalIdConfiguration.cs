using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class ParticipantExternalIdConfiguration : IEntityTypeConfiguration<ParticipantExternalId>
{
    public void Configure(EntityTypeBuilder<ParticipantExternalId> b)
    {
        b.Property(x => x.Source).HasMaxLength(32);
        b.Property(x => x.ExternalParticipantId).HasMaxLength(128);
        b.Property(x => x.ExternalStudyId).HasMaxLength(128);
        b.Property(x => x.ExternalSessionId).HasMaxLength(128);
        // One session per worker per study, enforced by the database and not only by the service.
        b.HasIndex(x => new { x.StudyId, x.Source, x.ExternalParticipantId }).IsUnique();
        b.HasIndex(x => x.ParticipantId);
        b.HasOne<Study>().WithMany().HasForeignKey(x => x.StudyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Participant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}
