namespace InteractionLab.Api.LanguageModels;

/// <summary>What the gateway observed about a generation, filled in while it streams.</summary>
public sealed class GenerationRecord
{
    /// <summary>Server time the request was sent.</summary>
    public DateTimeOffset RequestSentAt { get; set; }
    /// <summary>Every piece of text with its arrival time.</summary>
    public List<TimedToken> Tokens { get; } = [];
    /// <summary>Milliseconds to the first token.</summary>
    public double? FirstTokenMs => Tokens.Count == 0 ? null : Tokens[0].ElapsedMs;
    /// <summary>Milliseconds to the end of the stream (or to the cancellation).</summary>
    public double TotalMs { get; set; }
    /// <summary>stop, length, … as reported by the model.</summary>
    public string? FinishReason { get; set; }
    /// <summary>Prompt tokens, when reported.</summary>
    public long? InputTokens { get; set; }
    /// <summary>Generated tokens, when reported.</summary>
    public long? OutputTokens { get; set; }
    /// <summary>All text received.</summary>
    public string Text => string.Concat(Tokens.Select(t => t.Text));
}
