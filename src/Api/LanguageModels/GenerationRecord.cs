using Microsoft.Extensions.AI;

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
    /// <summary>Tools the model asked to call, in order.</summary>
    public List<FunctionCallContent> FunctionCalls { get; } = [];
    /// <summary>True when the request had to wait in line (the endpoint was busy).</summary>
    public bool Queued { get; set; }
    /// <summary>Called once when the request starts waiting in line (to tell the person waiting).</summary>
    public Action? OnQueued { get; set; }
    /// <summary>All text received.</summary>
    public string Text => string.Concat(Tokens.Select(t => t.Text));
}
