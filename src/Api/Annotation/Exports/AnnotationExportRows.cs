using InteractionLab.Api.Annotation.Data;

namespace InteractionLab.Api.Annotation.Exports;

/// <summary>One third-party rating as exported (pseudonymous item and annotator ids; excluded annotators flagged, not dropped).</summary>
/// <param name="Id">Rating id (the <c>?after=</c> cursor).</param>
/// <param name="ProjectId">Project.</param>
/// <param name="ItemId">Pseudonymous item id.</param>
/// <param name="AnnotatorId">Pseudonymous annotator id.</param>
/// <param name="AnnotatorKind">Staff or crowd.</param>
/// <param name="Excluded">The annotator is excluded: the rating is in no aggregate.</param>
/// <param name="Role">Regular, gold or qualification item.</param>
/// <param name="Question">Question key.</param>
/// <param name="TurnIndex">Turn of a per-turn mark.</param>
/// <param name="Value">The answer (pairs: "A" = the item's first side).</param>
/// <param name="SubmittedAt">When.</param>
/// <param name="Position">The annotator's n-th item.</param>
/// <param name="SidesSwapped">The annotator saw a pair's second side first.</param>
/// <param name="Seconds">Time on the item.</param>
/// <param name="Flagged">Flagged for review.</param>
/// <param name="GoldScore">Share of expected answers matched (gold and qualification items).</param>
/// <param name="ProjectConfigHash">Hash of the project config it was given under.</param>
/// <param name="SessionId">Source session.</param>
/// <param name="Condition">Source session's condition.</param>
/// <param name="StageKey">Source stage.</param>
/// <param name="ItemTurnIndex">The rated turn (model-turn items).</param>
/// <param name="ArtifactKey">The rated artifact.</param>
/// <param name="ConfigHash">Source session's study config hash.</param>
public sealed record RatingExportRow(long Id, Guid ProjectId, Guid ItemId, Guid AnnotatorId, AnnotatorKind AnnotatorKind, bool Excluded,
    AnnotationItemRole Role, string Question, int? TurnIndex, string Value, DateTimeOffset SubmittedAt, int Position, bool SidesSwapped,
    double? Seconds, bool Flagged, double? GoldScore, string ProjectConfigHash, string? SessionId, string? Condition, string? StageKey,
    int? ItemTurnIndex, string? ArtifactKey, string? ConfigHash);

/// <summary>One adjudicated value as exported.</summary>
/// <param name="Id">Adjudication id.</param>
/// <param name="ProjectId">Project.</param>
/// <param name="ItemId">Pseudonymous item id.</param>
/// <param name="Question">Question key.</param>
/// <param name="TurnIndex">Turn of a per-turn mark.</param>
/// <param name="Value">The final value.</param>
/// <param name="Note">The reviewer's note.</param>
/// <param name="Reviewer">The reviewer's account.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="SessionId">Source session.</param>
/// <param name="Condition">Its condition.</param>
/// <param name="StageKey">Source stage.</param>
/// <param name="ArtifactKey">The rated artifact.</param>
public sealed record AdjudicationExportRow(long Id, Guid ProjectId, Guid ItemId, string Question, int? TurnIndex, string Value, string? Note,
    string Reviewer, DateTimeOffset DecidedAt, string? SessionId, string? Condition, string? StageKey, string? ArtifactKey);
