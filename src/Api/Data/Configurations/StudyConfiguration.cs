using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class StudyConfiguration : IEntityTypeConfiguration<Study>
{
    public void Configure(EntityTypeBuilder<Study> b)
    {
        b.Property(s => s.Slug).HasMaxLength(64);
        b.Property(s => s.Owner).HasMaxLength(256);
        b.HasIndex(s => s.Slug).IsUnique();
        b.HasMany(s => s.Versions).WithOne(v => v.Study).HasForeignKey(v => v.StudyId).OnDelete(DeleteBehavior.Restrict);
    }
}
