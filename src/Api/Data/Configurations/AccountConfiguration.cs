using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.Role).HasMaxLength(32);
        b.HasIndex(a => a.UserName).IsUnique();
    }
}
