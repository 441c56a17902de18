namespace InteractionLab.Domain.Writing;

/// <summary>
/// One line of a CoAuthor / HALIE <c>session.txt</c> (the metadata file released next to the logs): which session,
/// which model wrote its suggestions, the seed it started from and the decoding settings.
/// </summary>
/// <param name="SessionId"><c>session_id</c>; the log's file name without <c>.jsonl</c>.</param>
/// <param name="VerificationCode"><c>verification_code</c>, which HALIE asserts equals the log's file name.</param>
/// <param name="Model">The model as logged: the first non-empty of <c>model</c>, <c>engine</c>, <c>crfm</c> (HALIE's
/// <c>Log._read_model</c>, <c>src/logs/base_log.py</c>), e.g. <c>openai/text-davinci-001</c>.</param>
/// <param name="Example"><c>example</c>: the seed (for the metaphor task the metaphor's key, e.g. <c>life</c>), which
/// HALIE reports as the <c>prompt</c> column.</param>
/// <param name="DecodingJson">The decoding settings as a JSON object of the fields present among <c>n</c>,
/// <c>max_tokens</c>, <c>temperature</c>, <c>top_p</c>, <c>presence_penalty</c>, <c>frequency_penalty</c>, <c>stop</c>.</param>
/// <param name="LineNumber">1-based line in the file.</param>
public sealed record CoAuthorSessionMetadata(
    string SessionId, string? VerificationCode, string? Model, string? Example, string DecodingJson, int LineNumber)
{
    /// <summary>The model's name in HALIE's tables (<see cref="HalieModelNames.FromCoAuthor"/>); null without a model.</summary>
    public string? ModelName => Model is null ? null : HalieModelNames.FromCoAuthor(Model);
}
