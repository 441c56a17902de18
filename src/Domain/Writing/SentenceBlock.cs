namespace InteractionLab.Domain.Writing;

/// <summary>
/// HALIE's unit of analysis in the metaphor task: one submitted sentence and the events that led to it, from the
/// event after the previous submission (or from <c>system-initialize</c>) up to and including its own submission.
/// </summary>
/// <param name="OrderId">0-based position among the session's blocks (HALIE's <c>order_id</c>).</param>
/// <param name="FirstEventIndex">Index of the block's first event in the trace.</param>
/// <param name="LastEventIndex">Index of the submission event that ends the block.</param>
/// <param name="Sentence">The sentence as submitted: a <c>template-add</c>'s string <c>textDelta</c> as logged (not
/// stripped), or for our editor the text it held when "Add sentence" emptied it, trimmed (what went on the list).</param>
public sealed record SentenceBlock(int OrderId, int FirstEventIndex, int LastEventIndex, string Sentence);

/// <summary>A session's sentence blocks and how many non-empty sentences it submitted (HALIE's <c>max_index</c>,
/// the denominator of <c>norm_order_id</c>).</summary>
/// <param name="Blocks">The blocks in order.</param>
/// <param name="SentencesAdded">Submissions whose sentence is not empty after Python's <c>strip()</c>, counted from
/// <c>system-initialize</c> on (removals do not lower it).</param>
public sealed record SentenceBlocking(IReadOnlyList<SentenceBlock> Blocks, int SentencesAdded);
