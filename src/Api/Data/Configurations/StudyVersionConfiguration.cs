using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class StudyVersionConfiguration : IEntityTypeConfiguration<StudyVersion>
{
    public void Configure(EntityTypeBuilder<StudyVersion> b)
    {
        b.Property(v => v.ConfigJson).IsJson();
        b.Property(v => v.ConfigHash).HasMaxLength(64);
        b.HasIndex(v => new { v.StudyId, v.Number }).IsUnique();
    }
}
