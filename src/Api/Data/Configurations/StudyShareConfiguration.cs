using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class StudyShareConfiguration : IEntityTypeConfiguration<StudyShare>
{
    public void Configure(EntityTypeBuilder<StudyShare> b)
    {
        b.Property(s => s.SharedBy).HasMaxLength(256);
        // One share per study and researcher; deleting either removes the share.
        b.HasIndex(s => new { s.StudyId, s.UserId }).IsUnique();
        b.HasOne<Study>().WithMany().HasForeignKey(s => s.StudyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
