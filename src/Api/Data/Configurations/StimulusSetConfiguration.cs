using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

/// <summary>Maps <see cref="StimulusSet"/>.</summary>
internal sealed class StimulusSetConfiguration : IEntityTypeConfiguration<StimulusSet>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<StimulusSet> b)
    {
        b.Property(s => s.Key).HasMaxLength(64);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Kind).HasMaxLength(64);
        b.Property(s => s.ContentHash).HasMaxLength(64);
        b.Property(s => s.SourceFileName).HasMaxLength(260);
        b.Property(s => s.Owner).HasMaxLength(256);
        b.Property(s => s.ItemsJson).IsJson();
        b.HasIndex(s => s.Key).IsUnique();
        b.HasIndex(s => s.Kind);
    }
}
