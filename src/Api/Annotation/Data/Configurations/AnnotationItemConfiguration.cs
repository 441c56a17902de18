using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Annotation.Data.Configurations;

internal sealed class AnnotationItemConfiguration : IEntityTypeConfiguration<AnnotationItem>
{
    public void Configure(EntityTypeBuilder<AnnotationItem> b)
    {
        b.ToTable("AnnotationItems");
        b.Property(i => i.SourceKey).HasMaxLength(400);
        b.Property(i => i.StageKey).HasMaxLength(200);
        b.Property(i => i.ArtifactKey).HasMaxLength(400);
        b.Property(i => i.ConfigHash).HasMaxLength(64);
        b.Property(i => i.ReviewedBy).HasMaxLength(256);
        b.Property(i => i.ContentJson).IsJson();
        b.Property(i => i.RedactionsJson).IsJson();
        b.Property(i => i.ExpectedJson).IsJson();
        // Intake is idempotent: the same session artifact never becomes two items of one project.
        b.HasIndex(i => new { i.ProjectId, i.SourceKey }).IsUnique();
        b.HasIndex(i => i.PublicId).IsUnique();
        // The queue: open items of a project by ratings still needed, then ring position (an index range scan).
        b.HasIndex(i => new { i.ProjectId, i.QueueRank, i.Shuffle });
        // Gold and qualification items by ring position; exports and counts by role.
        b.HasIndex(i => new { i.ProjectId, i.Role, i.Shuffle });
        // Withdrawal finds a session's items.
        b.HasIndex(i => i.SessionId);
        b.HasOne<AnnotationProject>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
