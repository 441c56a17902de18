using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class WiserVoteRecordConfiguration : IEntityTypeConfiguration<WiserVoteRecord>
{
    public void Configure(EntityTypeBuilder<WiserVoteRecord> b)
    {
        b.ToTable("WiserVotes");
        b.Property(v => v.FromValueId).HasMaxLength(200);
        b.Property(v => v.ToValueId).HasMaxLength(200);
        b.Property(v => v.Context).HasMaxLength(1000);
        b.Property(v => v.Reason).HasMaxLength(5000);
        b.Property(v => v.VoterKey).HasMaxLength(200);
        b.Property(v => v.QuestionId).HasMaxLength(200);
        b.Property(v => v.Batch).HasMaxLength(200);
        b.Property(v => v.Choice).HasConversion<string>().HasMaxLength(16);
        b.Property(v => v.Source).HasConversion<string>().HasMaxLength(16);
        // The graph query: one study, optionally one question, a time window; and per-context listings.
        b.HasIndex(v => new { v.StudyId, v.QuestionId, v.CastAt });
        b.HasIndex(v => new { v.StudyId, v.Context });
        // One vote per voter and hypothesis (a resubmitted vote after a reload is not counted twice); imports have
        // no hypothesis, and NULLs never collide in a unique index on either provider.
        b.HasIndex(v => new { v.StudyId, v.VoterKey, v.HypothesisId }).IsUnique();
        b.HasOne<Study>().WithMany().HasForeignKey(v => v.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}
