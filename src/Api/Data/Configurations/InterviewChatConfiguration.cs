using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data.Configurations;

internal sealed class InterviewChatConfiguration : IEntityTypeConfiguration<InterviewChat>
{
    public void Configure(EntityTypeBuilder<InterviewChat> b)
    {
        b.ToTable("InterviewChats");
        b.Property(c => c.StageKey).HasMaxLength(64);
        b.Property(c => c.QuestionId).HasMaxLength(200);
        b.Property(c => c.QuestionText).HasMaxLength(2000);
        b.Property(c => c.PromptVersion).HasMaxLength(64);
        b.Property(c => c.PromptSha256).HasMaxLength(64);
        b.Property(c => c.DrafterPromptSha256).HasMaxLength(64);
        b.Property(c => c.Model).HasMaxLength(256);
        b.Property(c => c.CardJson).IsJson();
        b.Property(c => c.CardProblemsJson).IsJson();
        // A resumed page reads the stage's chats of one session.
        b.HasIndex(c => new { c.SessionId, c.StageKey });
        b.HasOne<Session>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
