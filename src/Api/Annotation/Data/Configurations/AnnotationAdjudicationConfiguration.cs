using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Annotation.Data.Configurations;

internal sealed class AnnotationAdjudicationConfiguration : IEntityTypeConfiguration<AnnotationAdjudication>
{
    public void Configure(EntityTypeBuilder<AnnotationAdjudication> b)
    {
        b.ToTable("AnnotationAdjudications");
        b.Property(a => a.QuestionKey).HasMaxLength(200);
        b.Property(a => a.Value).HasMaxLength(5000);
        b.Property(a => a.Note).HasMaxLength(5000);
        b.Property(a => a.Reviewer).HasMaxLength(256);
        b.HasIndex(a => new { a.ProjectId, a.Id });
        b.HasIndex(a => new { a.ItemId, a.QuestionKey, a.TurnIndex });
        b.HasOne<AnnotationItem>().WithMany().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
