using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;

namespace InteractionLab.Api.Annotation.Review;

/// <summary>A project with items waiting for review.</summary>
/// <param name="ProjectId">Project id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Pending">Items waiting.</param>
public sealed record ReviewProject(Guid ProjectId, string Name, int Pending);

/// <summary>An item waiting for review.</summary>
/// <param name="ItemId">Pseudonymous item id.</param>
/// <param name="Ratings">Ratings it has.</param>
/// <param name="Disagreement">The largest disagreement over its questions (0–1).</param>
/// <param name="Disputed">Questions (with turn, for per-turn marks: <c>key@turn</c>) whose disagreement is above the threshold.</param>
/// <param name="Flagged">An annotator flagged it.</param>
public sealed record ReviewQueueEntry(Guid ItemId, int Ratings, double Disagreement, IReadOnlyList<string> Disputed, bool Flagged);

/// <summary>Everything a reviewer sees of one item. Raters are A1…Ak in the order they submitted.</summary>
/// <param name="ItemId">Pseudonymous item id.</param>
/// <param name="ProjectId">Its project.</param>
/// <param name="ProjectName">Project name.</param>
/// <param name="Content">The item (a pair in its stored order: "A" is the first side).</param>
/// <param name="Questions">The form.</param>
/// <param name="Raters">Each rater's answers and notes.</param>
/// <param name="Decisions">Per question (and turn): the values, the consensus, the disagreement and any adjudication.</param>
/// <param name="ReviewedBy">Who adjudicated it, if anyone.</param>
public sealed record ReviewItem(Guid ItemId, Guid ProjectId, string ProjectName, ItemContent Content, IReadOnlyList<SurveyItem> Questions,
    IReadOnlyList<ReviewRater> Raters, IReadOnlyList<ReviewDecision> Decisions, string? ReviewedBy);

/// <summary>One rater of an item.</summary>
/// <param name="Label">A1, A2…</param>
/// <param name="Answers">Their answers (pairs: "A" is the item's first side).</param>
/// <param name="Flagged">Whether they flagged the item.</param>
/// <param name="FlagNote">What they said.</param>
/// <param name="Seconds">How long they took.</param>
public sealed record ReviewRater(string Label, IReadOnlyList<SurveyAnswer> Answers, bool Flagged, string? FlagNote, double? Seconds);

/// <summary>One question (and turn) of an item under review.</summary>
/// <param name="QuestionKey">The question.</param>
/// <param name="TurnIndex">The turn, for per-turn marks.</param>
/// <param name="Values">Each rater's value, by label.</param>
/// <param name="Consensus">Majority or median, as in the aggregate.</param>
/// <param name="Disagreement">0–1.</param>
/// <param name="Disputed">Above the project's threshold.</param>
/// <param name="Adjudicated">The reviewer's value, if recorded.</param>
/// <param name="Note">The reviewer's note.</param>
public sealed record ReviewDecision(string QuestionKey, int? TurnIndex, IReadOnlyDictionary<string, string> Values, string? Consensus,
    double Disagreement, bool Disputed, string? Adjudicated, string? Note);

/// <summary>A reviewer's adjudication of an item.</summary>
/// <param name="Values">The final value per question (and turn); questions left out keep their consensus.</param>
/// <param name="Note">The reasoning.</param>
public sealed record AdjudicationRequest(IReadOnlyList<SurveyAnswer> Values, string? Note);
