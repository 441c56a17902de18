using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Sessions;

/// <summary>What the study's landing page shows before consent.</summary>
/// <param name="Slug">Link slug.</param>
/// <param name="Title">Study title.</param>
/// <param name="ConsentTitle">Heading of the consent stage.</param>
/// <param name="ConsentText">Consent text (paragraphs separated by blank lines).</param>
/// <param name="Status">Whether new participants are accepted.</param>
public sealed record StudyLanding(string Slug, string Title, string ConsentTitle, string ConsentText, StudyStatus Status)
{
    /// <summary>Whether a new participant may consent now.</summary>
    public bool AcceptsParticipants => Status == StudyStatus.Open;

    /// <summary>Recruitment settings (platform, screen-out code and redirect for the study-full page).</summary>
    public RecruitmentConfig Recruitment { get; init; } = new();

    /// <summary>Name of the link parameter carrying the condition key (URL-parameter assignment); null otherwise.</summary>
    public string? ConditionParameter { get; init; }
}
