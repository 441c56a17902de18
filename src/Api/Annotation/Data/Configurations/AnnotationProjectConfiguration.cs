using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Annotation.Data.Configurations;

internal sealed class AnnotationProjectConfiguration : IEntityTypeConfiguration<AnnotationProject>
{
    public void Configure(EntityTypeBuilder<AnnotationProject> b)
    {
        b.ToTable("AnnotationProjects");
        b.Property(p => p.Slug).HasMaxLength(64);
        b.HasIndex(p => p.Slug).IsUnique();
        b.Property(p => p.ConfigJson).IsJson();
        b.Property(p => p.ConfigHash).HasMaxLength(64);
        b.Property(p => p.CreatedBy).HasMaxLength(256);
        b.Property(p => p.Revision).IsConcurrencyToken();
        b.HasIndex(p => p.StudyId);
        b.HasOne<Study>().WithMany().HasForeignKey(p => p.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}
