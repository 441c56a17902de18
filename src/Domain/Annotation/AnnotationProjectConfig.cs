using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Annotation;

/// <summary>
/// Everything a researcher decides about an annotation project. Stored whole and hashed like a study config, so
/// every rating carries the hash of the exact form, guidelines and rules it was given under.
/// </summary>
public sealed record AnnotationProjectConfig
{
    /// <summary>Name shown to researchers and annotators.</summary>
    public required string Name { get; init; }
    /// <summary>What is rated.</summary>
    public AnnotationTarget Target { get; init; } = AnnotationTarget.Transcript;
    /// <summary>The rating form: survey questions (Likert, yes/no, multiple choice, free text, slider, per-turn marks).</summary>
    public required SurveyConfig Form { get; init; }
    /// <summary>Guidelines annotators can open at any time (plain text, paragraphs separated by blank lines).</summary>
    public string Guidelines { get; init; } = "";
    /// <summary>k: how many different annotators rate each item.</summary>
    public int RatersPerItem { get; init; } = 3;
    /// <summary>Which completed sessions' items flow in.</summary>
    public ItemFilter Filter { get; init; } = new();
    /// <summary>What is removed from free text.</summary>
    public RedactionRules Redaction { get; init; } = RedactionRules.Default;
    /// <summary>Every n-th item an annotator gets is a gold item they have not rated yet (0 = gold items are never mixed in).</summary>
    public int GoldEvery { get; init; }
    /// <summary>Share of the qualification items' expected answers an annotator must match before rating real items.</summary>
    public double QualificationPassShare { get; init; } = 0.8;
    /// <summary>Most items one annotator rates in this project (null = no cap). For crowd workers: one batch.</summary>
    public int? CapPerAnnotator { get; init; }
    /// <summary>Minutes an annotator holds an item before it goes back to the queue.</summary>
    public int LeaseMinutes { get; init; } = 30;
    /// <summary>Disagreement (0–1, see <see cref="RatingConsensus"/>) above which a fully rated item goes to review.</summary>
    public double ReviewThreshold { get; init; } = 0.3;
    /// <summary>Who may rate: staff annotators, crowd workers from a link, or both.</summary>
    public AnnotatorAccess Access { get; init; } = AnnotatorAccess.Staff;
    /// <summary>For crowd workers: completion code and redirect after the batch (as for studies).</summary>
    public RecruitmentConfig Recruitment { get; init; } = new(Platform: RecruitmentPlatform.None);
    /// <summary>Level of measurement per question key, where it should differ from the kind's default.</summary>
    public IReadOnlyDictionary<string, MeasurementLevel>? Levels { get; init; }

    /// <summary>The level alpha uses for <paramref name="question"/>; null for free text.</summary>
    public MeasurementLevel? LevelOf(SurveyItem question) =>
        Levels is not null && Levels.TryGetValue(question.Key, out var level) ? level : RatingConsensus.LevelOf(question);
}

/// <summary>Which completed sessions feed a project. Empty lists mean "all"; simulated and withdrawn sessions never count.</summary>
/// <param name="Stages">Stage keys whose artifacts become items.</param>
/// <param name="Tasks">Task types (default: the type that produces the target, e.g. summarization for summaries).</param>
/// <param name="Conditions">Condition keys.</param>
/// <param name="CompletedFrom">Only sessions completed at or after this time.</param>
/// <param name="CompletedTo">Only sessions completed before this time.</param>
public sealed record ItemFilter(
    IReadOnlyList<string>? Stages = null,
    IReadOnlyList<string>? Tasks = null,
    IReadOnlyList<string>? Conditions = null,
    DateTimeOffset? CompletedFrom = null,
    DateTimeOffset? CompletedTo = null);

/// <summary>Who may rate a project's items.</summary>
public enum AnnotatorAccess
{
    /// <summary>Signed-in staff with the annotator role (or reviewer, admin).</summary>
    Staff,
    /// <summary>Crowd workers who open the project's link (Prolific, MTurk or an open link).</summary>
    Crowd,
    /// <summary>Both.</summary>
    Both,
}
