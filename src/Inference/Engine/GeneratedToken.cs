namespace InteractionLab.Inference.Engine;

/// <summary>
/// One step of one completion: the text that became final with this token (possibly empty while a multi-byte
/// character or a possible stop sequence is pending) and, on the last event of a completion, why it ended.
/// </summary>
internal readonly record struct GeneratedToken(int Index, int TokenId, string Text, TokenLogprob? Logprob, FinishReason? Finish, int CompletionTokens);
