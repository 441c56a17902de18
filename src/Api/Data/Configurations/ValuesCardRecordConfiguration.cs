using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class ValuesCardRecordConfiguration : IEntityTypeConfiguration<ValuesCardRecord>
{
    public void Configure(EntityTypeBuilder<ValuesCardRecord> b)
    {
        b.ToTable("ValuesCards");
        b.Property(c => c.ValueId).HasMaxLength(200);
        b.Property(c => c.Title).HasMaxLength(500);
        b.Property(c => c.Description).HasMaxLength(5000);
        b.Property(c => c.PoliciesJson).IsJson();
        b.Property(c => c.AuthorPseudonym).HasMaxLength(200);
        b.Property(c => c.QuestionId).HasMaxLength(200);
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
        // A value id names a group of cards (the canonical value); votes and the graph read them by it.
        b.HasIndex(c => new { c.StudyId, c.ValueId });
        b.Property(c => c.ClosestValueId).HasMaxLength(200);
        b.Property(c => c.CanonicalDecision).HasMaxLength(32);
        b.HasIndex(c => c.ChatId);
        b.HasIndex(c => new { c.StudyId, c.QuestionId });
        b.HasOne<Study>().WithMany().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}
