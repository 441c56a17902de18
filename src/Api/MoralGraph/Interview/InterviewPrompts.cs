using System.Security.Cryptography;
using System.Text;

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

    private static PromptFile Load(string version)
    {
        using var stream = typeof(InterviewPrompts).Assembly.GetManifestResourceStream($"InterviewPrompts/{version}.md")
            ?? throw new InvalidOperationException($"The prompt '{version}' is not embedded in the Api assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        return new PromptFile(version, Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}

/// <summary>An embedded prompt file.</summary>
/// <param name="Version">File name without extension.</param>
/// <param name="Text">The template text.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record PromptFile(string Version, string Text, string Sha256);
