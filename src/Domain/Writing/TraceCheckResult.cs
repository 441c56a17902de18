namespace InteractionLab.Domain.Writing;

/// <summary>The outcome of <see cref="TraceCheck.Run"/>.</summary>
/// <param name="Outcome">Match, mismatch, error or not checked.</param>
/// <param name="EventIndex">The first event where replay and log disagree (0-based index in the trace); null unless
/// a mismatch or an error.</param>
/// <param name="Reason">Why, in a sentence; empty for a match.</param>
/// <param name="DocumentsChecked">Logged documents (non-empty <c>currentDoc</c>) compared with the replay.</param>
/// <param name="SentencesChecked">Submitted and removed sentences compared with the replay.</param>
public sealed record TraceCheckResult(TraceCheckOutcome Outcome, int? EventIndex, string Reason, int DocumentsChecked, int SentencesChecked);
