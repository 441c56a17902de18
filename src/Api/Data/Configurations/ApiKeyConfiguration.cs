using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Prefix).HasMaxLength(16);
        b.Property(k => k.Name).HasMaxLength(ApiKeys.ApiKeyService.MaxNameLength);
        b.Property(k => k.Hash).HasMaxLength(64);
        b.Property(k => k.Owner).HasMaxLength(256);
        b.HasIndex(k => k.Hash).IsUnique();
        b.HasOne<Study>().WithMany().HasForeignKey(k => k.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}
