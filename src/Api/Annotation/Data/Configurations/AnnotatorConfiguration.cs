using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Annotation.Data.Configurations;

internal sealed class AnnotatorConfiguration : IEntityTypeConfiguration<Annotator>
{
    public void Configure(EntityTypeBuilder<Annotator> b)
    {
        b.ToTable("Annotators");
        b.Property(a => a.Source).HasMaxLength(16);
        b.Property(a => a.ExternalWorkerId).HasMaxLength(128);
        b.Property(a => a.ExternalStudyId).HasMaxLength(128);
        b.Property(a => a.ExternalSessionId).HasMaxLength(128);
        b.Property(a => a.ExclusionNote).HasMaxLength(2000);
        b.Property(a => a.CompletionCode).HasMaxLength(200);
        b.Property(a => a.Model).HasMaxLength(400);
        b.Property(a => a.JudgePromptHash).HasMaxLength(64);
        // One annotator per staff account and project; one per crowd worker and project (NULLs never collide).
        b.HasIndex(a => new { a.ProjectId, a.StaffUserId }).IsUnique();
        b.HasIndex(a => new { a.ProjectId, a.Source, a.ExternalWorkerId }).IsUnique();
        // One LM judge per model and project: a second run continues the first one's items.
        b.HasIndex(a => new { a.ProjectId, a.Model }).IsUnique();
        b.HasOne<AnnotationProject>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
