using InteractionLab.Api.LanguageModels;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>
/// The values interview's prompts, embedded from <c>Prompts/*.md</c>. A prompt's version is its file name; a change
/// of wording means a new file (<c>interviewer-v2.md</c>) so that stored chats keep naming what they were sent. Each
/// chat stores the SHA-256 of the file, which proves the exact text even if a file is edited in place.
/// </summary>
public static class InterviewPrompts
{
    /// <summary>Version of the interviewer prompt new chats use.</summary>
    public const string InterviewerVersion = "interviewer-v1";
    /// <summary>
    /// Version of the interviewer prompt of the structured-output fallback: no tools to mention, and short enough for
    /// small local models (the demo model reads 1024 byte-level tokens).
    /// </summary>
    public const string FallbackInterviewerVersion = "interviewer-fallback-v1";
    /// <summary>Version of the card drafting prompt.</summary>
    public const string DrafterVersion = "drafter-v1";
    /// <summary>Version of the "same value?" confirmation prompt of canonicalisation.</summary>
    public const string SameValueVersion = "same-value-v1";
    /// <summary>Version of the fallback's "show a card now?" decision prompt.</summary>
    public const string DecisionVersion = "card-decision-v1";

    /// <summary>The interviewer prompt template (placeholders <c>{question}</c>, <c>{card}</c>).</summary>
    public static PromptFile Interviewer { get; } = Load(InterviewerVersion);
    /// <summary>The fallback interviewer prompt template (placeholders <c>{question}</c>, <c>{card}</c>).</summary>
    public static PromptFile FallbackInterviewer { get; } = Load(FallbackInterviewerVersion);
    /// <summary>The interviewer prompt of a chat on the fallback path or with tool calls.</summary>
    public static PromptFile InterviewerFor(bool fallback) => fallback ? FallbackInterviewer : Interviewer;
    /// <summary>The drafter prompt template (placeholders <c>{question}</c>, <c>{feedback}</c>).</summary>
    public static PromptFile Drafter { get; } = Load(DrafterVersion);
    /// <summary>The confirmation prompt (placeholders <c>{a}</c>, <c>{b}</c>).</summary>
    public static PromptFile SameValue { get; } = Load(SameValueVersion);
    /// <summary>The fallback decision prompt.</summary>
    public static PromptFile Decision { get; } = Load(DecisionVersion);

    private static PromptFile Load(string version) => PromptFile.Embedded($"InterviewPrompts/{version}.md", version);
}
