namespace InteractionLab.Domain.Metrics;

/// <summary>
/// One row of HALIE's per-sentence table for the metaphor task (<c>MetaphorEventBlock.to_dict</c> in
/// <c>src/blocks/metaphor_block.py</c>), without the session columns and the third-party ratings. Every value is
/// computed as HALIE's Python computes it; see <see cref="WritingSentenceMetrics"/> and README.md in this folder.
/// </summary>
/// <param name="OrderId">0-based index of the sentence block (<c>order_id</c>).</param>
/// <param name="NormOrderId"><c>round(order_id / sentences added, 2)</c> (<c>norm_order_id</c>); null when no
/// non-empty sentence was added (HALIE divides by zero there).</param>
/// <param name="ElapsedMinutes"><c>round((last − first timestamp) / 1000 / 60, 2)</c> (<c>elapsed_time</c>); null when a
/// timestamp is missing.</param>
/// <param name="Queries"><c>suggestion-get</c> and <c>button-generate</c> events (<c>num_queries</c>).</param>
/// <param name="Events">Events in the block (<c>num_events</c>).</param>
/// <param name="Acceptance"><c>round(selects / opens · 100)</c>, halves to even (<c>acceptance</c>, in %); null
/// without a <c>suggestion-open</c>.</param>
/// <param name="ModelCompletion">The first insert of the block's last api <c>text-insert</c>, stripped
/// (<c>model_completion</c>); "" when the model inserted nothing.</param>
/// <param name="FinalSentence">The submitted sentence (<c>final_sentence</c>).</param>
/// <param name="EditTokens">Levenshtein distance between the whitespace-split tokens of the two
/// (<c>edit_model_final_token</c>).</param>
/// <param name="EditCharacters">Levenshtein distance between their code points (<c>edit_model_final_char</c>).</param>
/// <param name="FirstEventIndex">Where the block starts in the trace (for the replay).</param>
/// <param name="LastEventIndex">Its submission event in the trace.</param>
public sealed record SentenceMetrics(
    int OrderId,
    double? NormOrderId,
    double? ElapsedMinutes,
    int Queries,
    int Events,
    int? Acceptance,
    string ModelCompletion,
    string FinalSentence,
    int EditTokens,
    int EditCharacters,
    int FirstEventIndex,
    int LastEventIndex);
