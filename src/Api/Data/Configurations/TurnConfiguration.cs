using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class TurnConfiguration : IEntityTypeConfiguration<Turn>
{
    public void Configure(EntityTypeBuilder<Turn> b)
    {
        b.Property(t => t.FinishReason).HasMaxLength(32);
        b.Property(t => t.Model).HasMaxLength(256);
        b.Property(t => t.StageKey).HasMaxLength(64);
        b.Property(t => t.ItemKey).HasMaxLength(128);
        b.Property(t => t.DecodingJson).IsJson();
        b.HasIndex(t => new { t.SessionId, t.Index }).IsUnique();
        b.HasCommitOrder();
        // The dashboard's tokens-per-second reads only the last minutes' turns.
        b.HasIndex(t => t.CreatedAt);
        // Start-up finds the turns a crash left generating.
        b.HasIndex(t => t.FinishReason);
        b.HasOne<Session>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
