using InteractionLab.Api.Sessions;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>
/// The item an annotator rates now: everything their page or API client receives. Blinded by construction — the
/// content is the redacted snapshot, pair sides already in this annotator's order, and nothing says whether the
/// item is gold, where it came from, or which condition produced it.
/// </summary>
/// <param name="AssignmentId">What to submit, skip or save a draft to.</param>
/// <param name="ItemId">The item's pseudonymous id.</param>
/// <param name="ProjectName">The project's name.</param>
/// <param name="Position">This is the annotator's n-th item in the project.</param>
/// <param name="Content">What to rate (for a pair: the side shown first is <c>Content</c>, the other <c>Content.Second</c>).</param>
/// <param name="Questions">The rating form.</param>
/// <param name="Guidelines">The project's guidelines.</param>
/// <param name="LeaseExpiresAt">When the item goes back to the queue unless submitted.</param>
/// <param name="Draft">The answers saved so far (a half-filled form kept across reloads).</param>
public sealed record AnnotationWork(
    long AssignmentId, Guid ItemId, string ProjectName, int Position, ItemContent Content, IReadOnlyList<SurveyItem> Questions,
    string Guidelines, DateTimeOffset LeaseExpiresAt, IReadOnlyList<SurveyAnswer> Draft);

/// <summary>Why there is no item for the annotator now.</summary>
public enum FinishedReason
{
    /// <summary>Every item has its raters, or the rest are held by others: try again later.</summary>
    NoItems,
    /// <summary>The annotator rated as many items as the project allows one person.</summary>
    CapReached,
    /// <summary>The annotator did not pass the qualification items.</summary>
    NotQualified,
    /// <summary>The project is paused.</summary>
    Paused,
    /// <summary>The project is closed.</summary>
    Closed,
    /// <summary>A researcher excluded the annotator.</summary>
    Excluded,
}

/// <summary>The answer to "next item, please".</summary>
/// <param name="Work">The item, or null when there is none.</param>
/// <param name="Finished">Why there is none.</param>
/// <param name="Completion">For a crowd worker who is done: completion code and where to go (as for studies).</param>
public sealed record AnnotationNext(AnnotationWork? Work, FinishedReason? Finished = null, CompletionView? Completion = null);

/// <summary>How far an annotator is.</summary>
/// <param name="Done">Items they submitted.</param>
/// <param name="Left">Items they could still rate (within their cap), the one on their screen included.</param>
public sealed record AnnotatorProgress(int Done, int Left);
