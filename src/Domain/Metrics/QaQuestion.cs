namespace InteractionLab.Domain.Metrics;

/// <summary>A question-answering item as configured for one session.</summary>
/// <param name="Id">Item id, as used in <see cref="QaEvent.QuestionId"/>.</param>
/// <param name="CorrectChoice">The right answer's choice id.</param>
/// <param name="Assisted">Whether the AI assistant panel was enabled on it.</param>
/// <param name="IsAttentionCheck">Attention checks are reported separately and left out of accuracy.</param>
public sealed record QaQuestion(string Id, string CorrectChoice, bool Assisted, bool IsAttentionCheck = false);
