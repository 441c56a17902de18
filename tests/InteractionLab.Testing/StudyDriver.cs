using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain.Studies;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Testing;

/// <summary>Sets up what a test of the chat needs on a platform of its own: an open study and participants at its chat.</summary>
public static class StudyDriver
{
    /// <summary>An open study from the demo config (or <paramref name="config"/>) with a unique slug; returns the slug.</summary>
    public static async Task<string> CreateOpenStudyAsync(this PlatformFactory factory, StudyConfig? config = null)
    {
        var slug = "s-" + Guid.NewGuid().ToString("N")[..10];
        await using var scope = factory.Services.CreateAsyncScope();
        await PlatformSeeder.CreateStudyAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(), slug, "tester",
            config ?? DemoStudy.Config(), StudyStatus.Open, TimeProvider.System);
        return slug;
    }

    /// <summary>A participant who consented to <paramref name="slug"/> and read the instructions: they are at the chat.</summary>
    public static async Task<ConsentedParticipant> ParticipantAtChatAsync(this PlatformFactory factory, string slug)
    {
        var participant = await factory.ConsentAsync(slug);
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(participant.SessionId, "instructions");
        return participant;
    }
}
