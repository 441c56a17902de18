using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class SurveyInstrumentConfiguration : IEntityTypeConfiguration<SurveyInstrument>
{
    public void Configure(EntityTypeBuilder<SurveyInstrument> b)
    {
        b.Property(i => i.Key).HasMaxLength(64);
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.Description).HasMaxLength(2000);
        b.Property(i => i.Owner).HasMaxLength(256);
        b.Property(i => i.SurveyJson).IsJson();
        b.HasIndex(i => i.Key).IsUnique();
    }
}
