using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Annotation.Data.Configurations;

internal sealed class AnnotationAssignmentConfiguration : IEntityTypeConfiguration<AnnotationAssignment>
{
    public void Configure(EntityTypeBuilder<AnnotationAssignment> b)
    {
        b.ToTable("AnnotationAssignments");
        b.Property(a => a.DraftJson).IsJson();
        b.Property(a => a.ModelRequestJson).IsJson();
        b.Property(a => a.SkipReason).HasMaxLength(500);
        b.Property(a => a.FlagNote).HasMaxLength(2000);
        b.Property(a => a.ProjectConfigHash).HasMaxLength(64);
        // Nobody rates an item twice, whatever races the server.
        b.HasIndex(a => new { a.ItemId, a.AnnotatorId }).IsUnique();
        // Reclaiming expired leases of a project.
        b.HasIndex(a => new { a.ProjectId, a.Status, a.LeaseExpiresAt });
        // An annotator's live lease and progress.
        b.HasIndex(a => new { a.AnnotatorId, a.Status });
        b.HasOne<AnnotationItem>().WithMany().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Annotator>().WithMany().HasForeignKey(a => a.AnnotatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
