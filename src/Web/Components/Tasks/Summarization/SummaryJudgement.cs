namespace InteractionLab.Web.Components.Tasks.Summarization;

/// <summary>The participant's three yes/no judgements of a summary.</summary>
/// <param name="Consistent">Supported by the document.</param>
/// <param name="Coherent">One clear, well-formed sentence.</param>
/// <param name="Relevant">Gives the main point.</param>
public sealed record SummaryJudgement(bool Consistent, bool Coherent, bool Relevant);
