using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class WiserHypothesisConfiguration : IEntityTypeConfiguration<WiserHypothesis>
{
    public void Configure(EntityTypeBuilder<WiserHypothesis> b)
    {
        b.ToTable("WiserHypotheses");
        b.Property(h => h.QuestionId).HasMaxLength(200);
        b.Property(h => h.FromValueId).HasMaxLength(200);
        b.Property(h => h.ToValueId).HasMaxLength(200);
        b.Property(h => h.Context).HasMaxLength(1000);
        b.Property(h => h.Story).HasMaxLength(5000);
        b.Property(h => h.Model).HasMaxLength(400);
        b.Property(h => h.PromptHash).HasMaxLength(64);
        b.Property(h => h.ReviewedBy).HasMaxLength(256);
        b.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        // A story per (pair, context): generating again adds only the pairs that are new.
        b.HasIndex(h => new { h.StudyId, h.QuestionId, h.FromValueId, h.ToValueId, h.Context }).IsUnique();
        // What voting reads: a study's approved hypotheses.
        b.HasIndex(h => new { h.StudyId, h.Status });
        b.HasOne<Study>().WithMany().HasForeignKey(h => h.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}
