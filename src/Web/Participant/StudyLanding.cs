namespace InteractionLab.Web.Participant;

/// <summary>What a participant sees before consenting.</summary>
/// <param name="Slug">The study's public slug.</param>
/// <param name="Title">Study title.</param>
/// <param name="ConsentTitle">Heading of the consent stage.</param>
/// <param name="ConsentText">Consent text: plain paragraphs separated by blank lines.</param>
/// <param name="Availability">Whether new participants may consent now.</param>
public sealed record StudyLanding(string Slug, string Title, string ConsentTitle, string ConsentText, StudyAvailability Availability);
