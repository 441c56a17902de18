using InteractionLab.Api.Data;

namespace InteractionLab.Api.MoralGraph.Hypotheses;

/// <summary>A hypothesis as the review page and the REST API show it.</summary>
/// <param name="Id">Id.</param>
/// <param name="QuestionId">Question.</param>
/// <param name="FromValueId">Value A.</param>
/// <param name="FromTitle">Title of value A's card (null when the card is gone).</param>
/// <param name="ToValueId">Value B.</param>
/// <param name="ToTitle">Title of value B's card.</param>
/// <param name="Context">Context.</param>
/// <param name="Story">Story.</param>
/// <param name="Status">Review status.</param>
/// <param name="Model">Model that wrote it.</param>
/// <param name="PromptHash">Hash of the prompt file.</param>
/// <param name="CreatedAt">When it was generated.</param>
/// <param name="ReviewedBy">Who approved or rejected it last.</param>
/// <param name="ReviewedAt">When.</param>
/// <param name="Edited">Whether a researcher changed the story.</param>
/// <param name="Impressions">Times shown to participants.</param>
/// <param name="Votes">Votes cast on it.</param>
public sealed record HypothesisView(
    long Id, string QuestionId, string FromValueId, string? FromTitle, string ToValueId, string? ToTitle, string Context, string Story,
    HypothesisStatus Status, string Model, string PromptHash, DateTimeOffset CreatedAt, string? ReviewedBy, DateTimeOffset? ReviewedAt,
    bool Edited, int Impressions, int Votes);

/// <summary>Filters of the hypothesis list (null = any).</summary>
/// <param name="Status">Review status.</param>
/// <param name="Context">Exact context.</param>
/// <param name="QuestionId">Question.</param>
public sealed record HypothesisFilter(HypothesisStatus? Status = null, string? Context = null, string? QuestionId = null);

/// <summary>Body of <c>PUT …/hypotheses/{id}</c>.</summary>
/// <param name="Story">The new story text.</param>
public sealed record HypothesisEdit(string Story);

/// <summary>Body of <c>POST …/hypotheses/approve</c> and <c>…/reject</c>.</summary>
/// <param name="Ids">The hypotheses to decide on.</param>
public sealed record HypothesisDecision(IReadOnlyList<long> Ids);
