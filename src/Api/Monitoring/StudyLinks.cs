using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Monitoring;

/// <summary>
/// The links a researcher pastes into a recruitment platform. Prolific replaces <c>{{%PROLIFIC_PID%}}</c>,
/// <c>{{%STUDY_ID%}}</c> and <c>{{%SESSION_ID%}}</c> in a study URL with the participant's, study's and submission's
/// ids (Prolific API reference, "The study object", <c>external_study_url</c>). MTurk shows an external question's
/// URL in a frame and appends <c>hitId</c>, <c>assignmentId</c>, <c>turkSubmitTo</c> and <c>workerId</c> itself (MTurk
/// Requester guide, "How Mechanical Turk tasks are rendered"), so its link is the plain one inside an
/// <c>ExternalQuestion</c> document.
/// </summary>
/// <param name="Plain">The study link (<c>{base}/s/{slug}</c>).</param>
/// <param name="Prolific">The study URL for Prolific, with its id placeholders.</param>
/// <param name="MTurkExternalQuestion">The <c>ExternalQuestion</c> XML for MTurk's CreateHIT.</param>
/// <param name="Platform">The platform the study is set up for (which link the overview puts first).</param>
/// <param name="ConditionParameter">The URL parameter that picks the condition, when assignment is by link; else null.</param>
public sealed record StudyLinks(string Plain, string Prolific, string MTurkExternalQuestion, RecruitmentPlatform Platform, string? ConditionParameter)
{
    /// <summary>The links of study <paramref name="slug"/> at <paramref name="publicBase"/>.</summary>
    public static StudyLinks For(Uri publicBase, string slug, RecruitmentConfig recruitment, AssignmentConfig assignment)
    {
        var plain = new Uri(publicBase, "s/" + Uri.EscapeDataString(slug)).AbsoluteUri;
        var prolific = plain + "?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}";
        var mturk = $"""
            <ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">
              <ExternalURL>{System.Security.SecurityElement.Escape(plain)}</ExternalURL>
              <FrameHeight>800</FrameHeight>
            </ExternalQuestion>
            """;
        return new StudyLinks(plain, prolific, mturk, recruitment.Platform,
            assignment.Mode == AssignmentMode.UrlParameter ? assignment.UrlParameter : null);
    }
}
