using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class ImportedSessionConfiguration : IEntityTypeConfiguration<ImportedSession>
{
    public void Configure(EntityTypeBuilder<ImportedSession> b)
    {
        b.HasKey(x => x.SessionId);
        b.Property(x => x.SourceSessionId).HasMaxLength(200);
        b.Property(x => x.ContentSha256).HasMaxLength(64);
        b.Property(x => x.Model).HasMaxLength(200);
        b.Property(x => x.Prompt).HasMaxLength(500);
        b.Property(x => x.DecodingJson).IsJson();
        // "Already imported?" is answered by the database too, so two posts of one log at once still add one session.
        b.HasIndex(x => new { x.StudyId, x.ContentSha256 }).IsUnique();
        b.HasIndex(x => new { x.StudyId, x.SourceSessionId });
        b.HasOne<Session>().WithOne().HasForeignKey<ImportedSession>(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Study>().WithMany().HasForeignKey(x => x.StudyId).OnDelete(DeleteBehavior.Restrict);
    }
}
