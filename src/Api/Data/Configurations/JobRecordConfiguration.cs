using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> b)
    {
        b.ToTable("Jobs");
        b.Property(j => j.Id).ValueGeneratedNever();
        b.Property(j => j.StartedBy).HasMaxLength(256);
        b.Property(j => j.RequestJson).IsJson();
        b.Property(j => j.ProgressJson).IsJson();
        b.Property(j => j.Failure).HasMaxLength(2000);
        b.Property(j => j.HangfireJobId).HasMaxLength(100);
        // What the pages read: a study's latest job of a kind.
        b.HasIndex(j => new { j.StudyId, j.Kind, j.CreatedAt });
        b.HasOne<Study>().WithMany().HasForeignKey(j => j.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}
