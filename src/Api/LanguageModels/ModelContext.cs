using System.Text;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// A model's context window: how many tokens prompt and answer may hold together, and how to count a prompt's tokens.
/// </summary>
/// <param name="Length">Tokens the model reads at most (prompt plus generated tokens).</param>
/// <param name="CountTokens">
/// Tokens of a prompt: for completion style (second argument true) the text of the last message, for chat style every
/// message as the model's chat template renders it.
/// </param>
/// <param name="Exact">True when counted with the model's own tokenizer; false for <see cref="Estimated"/>.</param>
public sealed record ModelContext(int Length, Func<IReadOnlyList<ChatMessage>, bool, int> CountTokens, bool Exact)
{
    /// <summary>Tokens a chat template adds around each message, in the estimate.</summary>
    public const int EstimatedTokensPerMessage = 8;

    /// <summary>
    /// A window whose tokenizer the platform does not have (an HTTP endpoint whose context length is configured):
    /// tokens are estimated as UTF-8 bytes ÷ 3, rounded up, plus <see cref="EstimatedTokensPerMessage"/> per chat
    /// message. Byte-pair tokenizers of English text average about 4 bytes per token, so the estimate errs towards
    /// leaving room rather than overflowing.
    /// </summary>
    public static ModelContext Estimated(int length) => new(length, (messages, completion) => completion
        ? Bytes(messages.LastOrDefault()?.Text)
        : messages.Sum(m => Bytes(m.Text) + EstimatedTokensPerMessage), Exact: false);

    private static int Bytes(string? text) => (Encoding.UTF8.GetByteCount(text ?? "") + 2) / 3;
}
