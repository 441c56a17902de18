using InteractionLab.Domain;

namespace InteractionLab.Api.Data;

/// <summary>
/// One values interview of a participant in a <c>moral-interview</c> stage: the question they chose, the prompts
/// (version and SHA-256, so an analysis knows exactly what the interviewer was told) and the model, the card
/// currently shown to them, and when it was submitted. Its turns are <see cref="Turn"/> rows whose
/// <see cref="Turn.ItemKey"/> is <see cref="Id"/> in text form.
/// </summary>
public sealed class InterviewChat
{
    /// <summary>Primary key (also the turns' item key).</summary>
    public Guid Id { get; set; }
    /// <summary>The participant session.</summary>
    public SessionId SessionId { get; set; }
    /// <summary>The task stage.</summary>
    public required string StageKey { get; set; }
    /// <summary>The question the participant picked (its id from the stage's <c>questions</c> setting).</summary>
    public required string QuestionId { get; set; }
    /// <summary>The question as shown.</summary>
    public required string QuestionText { get; set; }
    /// <summary>Version of the interviewer prompt, e.g. <c>interviewer-v1</c>.</summary>
    public required string PromptVersion { get; set; }
    /// <summary>SHA-256 (hex) of the interviewer prompt file as sent.</summary>
    public required string PromptSha256 { get; set; }
    /// <summary>SHA-256 (hex) of the drafter prompt file.</summary>
    public required string DrafterPromptSha256 { get; set; }
    /// <summary>Interviewer model as endpoint/model.</summary>
    public required string Model { get; set; }
    /// <summary>True when the model is asked through the structured-output fallback instead of tool calls.</summary>
    public bool UsesFallback { get; set; }
    /// <summary>When the chat started.</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>The card now shown to the participant (JSON of title, description, attentionalPolicies), or null.</summary>
    public string? CardJson { get; set; }
    /// <summary>Rule problems of the shown card (JSON array of field/message), or null.</summary>
    public string? CardProblemsJson { get; set; }
    /// <summary>How many cards were drafted in this chat.</summary>
    public int Drafts { get; set; }
    /// <summary>When the card was submitted (null while the interview goes on); the stored card names the chat in <see cref="ValuesCardRecord.ChatId"/>.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
}
