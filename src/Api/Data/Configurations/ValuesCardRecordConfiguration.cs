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
        // Votes name values by id, so an id means one card per study; the graph query reads a study by question.
        b.HasIndex(c => new { c.StudyId, c.ValueId }).IsUnique();
        b.HasIndex(c => new { c.StudyId, c.QuestionId });
        b.HasOne<Study>().WithMany().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}
