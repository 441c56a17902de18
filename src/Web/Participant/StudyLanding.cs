using InteractionLab.Domain.Studies;

namespace InteractionLab.Web.Participant;

/// <summary>What a participant sees before consenting.</summary>
/// <param name="Slug">The study's public slug.</param>
/// <param name="Title">Study title.</param>
/// <param name="ConsentTitle">Heading of the consent stage.</param>
/// <param name="ConsentText">Consent text: plain paragraphs separated by blank lines.</param>
/// <param name="Availability">Whether new participants may consent now.</param>
public sealed record StudyLanding(string Slug, string Title, string ConsentTitle, string ConsentText, StudyAvailability Availability)
{
    /// <summary>Where participants come from (decides which link parameters are carried and where screen-outs go).</summary>
    public RecruitmentPlatform Platform { get; init; } = RecruitmentPlatform.Prolific;

    /// <summary>Code for participants turned away (study full); null when the study has none.</summary>
    public string? ScreenOutCode { get; init; }

    /// <summary>Where turned-away participants are sent (with the code for Prolific); null when nowhere.</summary>
    public string? ScreenOutRedirectUrl { get; init; }

    /// <summary>The study needs a laptop or desktop computer: said before consent.</summary>
    public bool NeedsLaptop { get; init; }

    /// <summary>Link parameter that names the condition (URL-parameter assignment); null otherwise.</summary>
    public string? ConditionParameter { get; init; }
}
