using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class ModelEndpointConfiguration : IEntityTypeConfiguration<ModelEndpoint>
{
    public void Configure(EntityTypeBuilder<ModelEndpoint> b)
    {
        b.Property(e => e.Name).HasMaxLength(64);
        b.Property(e => e.BaseUrl).HasMaxLength(512);
        b.HasIndex(e => e.Name).IsUnique();
    }
}
