using InteractionLab.Api.Monitoring;
using InteractionLab.Domain.Studies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Tests.Monitoring;

/// <summary>The links a researcher pastes into Prolific or MTurk, in the formats those platforms document.</summary>
public sealed class StudyLinksTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    [Fact]
    public void TheProlificUrlCarriesProlificsThreeIdPlaceholdersAfterTheAbsoluteStudyLink()
    {
        var links = StudyLinks.For(new Uri("https://studies.example.org/lab/"), "qa-study", new RecruitmentConfig(), new AssignmentConfig());

        Assert.Equal("https://studies.example.org/lab/s/qa-study", links.Plain);
        // Prolific API reference, "The study object": external_study_url placeholders.
        Assert.Equal("https://studies.example.org/lab/s/qa-study?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}", links.Prolific);
        Assert.Contains("<ExternalURL>https://studies.example.org/lab/s/qa-study</ExternalURL>", links.MTurkExternalQuestion);
        Assert.Contains("xmlns=\"http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd\"", links.MTurkExternalQuestion);
        Assert.Null(links.ConditionParameter);
        Assert.Equal("arm", StudyLinks.For(new Uri("https://x.org/"), "s", new RecruitmentConfig(),
            new AssignmentConfig(Mode: AssignmentMode.UrlParameter, UrlParameter: "arm")).ConditionParameter);
    }

    [Fact]
    public async Task TheConfiguredPublicAddressWinsOverTheAddressTheRequestCameInOn()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open);
        await using var scope = platform.Scope(out var db);
        var access = scope.ServiceProvider.GetRequiredService<InteractionLab.Api.Staff.IStudyAccess>();
        var request = new Uri("http://10.0.0.7:5000/");

        var fallback = await new StudyLinkService(db, access, Options.Create(new ParticipantLinkOptions())).GetAsync(StaffPlatform.User("rita"), id, request);
        var configured = await new StudyLinkService(db, access, Options.Create(new ParticipantLinkOptions { PublicBaseUrl = "https://studies.example.org/lab" }))
            .GetAsync(StaffPlatform.User("rita"), id, request);

        Assert.StartsWith("http://10.0.0.7:5000/s/m", fallback.Plain);
        Assert.StartsWith("https://studies.example.org/lab/s/m", configured.Plain);
        Assert.Equal(RecruitmentPlatform.Prolific, configured.Platform); // the demo study recruits on Prolific
        await Assert.ThrowsAsync<PlatformProblemException>(() =>
            new StudyLinkService(db, access, Options.Create(new ParticipantLinkOptions())).GetAsync(StaffPlatform.User("otto"), id, request));
    }
}
