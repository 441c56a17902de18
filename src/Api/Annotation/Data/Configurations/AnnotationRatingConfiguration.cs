using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Annotation.Data.Configurations;

internal sealed class AnnotationRatingConfiguration : IEntityTypeConfiguration<AnnotationRating>
{
    public void Configure(EntityTypeBuilder<AnnotationRating> b)
    {
        b.ToTable("AnnotationRatings");
        b.Property(r => r.QuestionKey).HasMaxLength(200);
        b.Property(r => r.Value).HasMaxLength(5000);
        // Exports page by id within a project; agreement reads a project's ratings; review reads an item's; the joined
        // record's aggregate rows read them in (item, question, turn) order.
        b.HasIndex(r => new { r.ProjectId, r.Id });
        b.HasIndex(r => new { r.ItemId, r.QuestionKey, r.TurnIndex });
        b.HasIndex(r => r.AssignmentId);
        b.HasOne<AnnotationAssignment>().WithMany().HasForeignKey(r => r.AssignmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
