using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.Property(r => r.StageKey).HasMaxLength(64);
        b.Property(r => r.ItemKey).HasMaxLength(64);
        b.Property(r => r.Value).HasMaxLength(5000);
        // A re-submitted answer cannot be stored twice; NULL turn indexes count as equal (PostgreSQL 15+).
        b.HasIndex(r => new { r.SessionId, r.StageKey, r.ItemKey, r.TurnIndex }).IsUnique().AreNullsDistinct(false);
        b.HasIndex(r => r.SubmittedAt);
        b.HasCommitOrder();
        b.HasOne<Session>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
