using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class SessionCounterConfiguration : IEntityTypeConfiguration<SessionCounter>
{
    public void Configure(EntityTypeBuilder<SessionCounter> b)
    {
        b.ToTable("SessionCounters");
        b.HasKey(c => c.SessionId);
        b.HasOne<Session>().WithOne().HasForeignKey<SessionCounter>(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
