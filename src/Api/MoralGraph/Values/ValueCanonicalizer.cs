using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.MoralGraph.Interview;
using InteractionLab.Domain.MoralGraph;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.MoralGraph.Values;

/// <summary>
/// Decides which canonical value a newly submitted card belongs to: the closest existing value of the same study
/// and question by cosine similarity of <see cref="CardEmbedding"/>s; at or above <see cref="AutoMergeThreshold"/> it
/// joins that value, between <see cref="AskThreshold"/> and that an LM is asked "same value? yes/no", below it starts
/// a new value.
/// </summary>
/// <remarks>
/// The thresholds are calibrated for the embedded default's all-MiniLM-L6-v2 on 24 pairs of one value in other words
/// and 32 pairs of different values on the same question (README.md beside this file; the pairs are a test fixture):
/// no different pair reaches <see cref="AutoMergeThreshold"/>, and every same pair reaches <see cref="AskThreshold"/>.
/// Another embedding model needs its own calibration.
/// </remarks>
public sealed class ValueCanonicalizer(IEmbeddingSource embeddings, LanguageModelGateway gateway, ILogger<ValueCanonicalizer> log)
{
    /// <summary>Similarity from which a card joins the closest value without asking (decision <c>merged-identical</c>).</summary>
    public const double AutoMergeThreshold = 0.78;
    /// <summary>Similarity from which the LM is asked whether the cards express the same value.</summary>
    public const double AskThreshold = 0.55;

    /// <summary>
    /// Where <paramref name="card"/> goes among the study's values for <paramref name="questionId"/>.
    /// <paramref name="judge"/> answers the confirmation question (null = never ask: similar cards stay apart).
    /// </summary>
    public async Task<CanonicalChoice> ChooseAsync(PlatformDbContext db, Guid studyId, string questionId, ValuesCard card,
        ModelRef? judge, CancellationToken ct = default)
    {
        var cards = await db.ValuesCards.AsNoTracking().Where(c => c.StudyId == studyId && c.QuestionId == questionId)
            .OrderBy(c => c.Id).ToListAsync(ct);
        // One card stands for each value: its first, as on the graph.
        var values = cards.DistinctBy(c => c.ValueId).ToList();
        if (values.Count == 0) return new CanonicalChoice(NewValueId(), "new", null, null);

        var vectors = await CardEmbedding.EmbedAsync(embeddings.Generator, [card, .. values.Select(ToCard)], ct);
        var (best, similarity) = values.Select((v, i) => (v, Cosine(vectors[0], vectors[i + 1]))).MaxBy(x => x.Item2);
        if (similarity >= AutoMergeThreshold) return new CanonicalChoice(best.ValueId, "merged-identical", similarity, best.ValueId);
        if (similarity < AskThreshold || judge is null) return new CanonicalChoice(NewValueId(), "new", similarity, best.ValueId);
        return await SameValueAsync(judge, card, ToCard(best), ct)
            ? new CanonicalChoice(best.ValueId, "merged-confirmed", similarity, best.ValueId)
            : new CanonicalChoice(NewValueId(), "kept-apart", similarity, best.ValueId);
    }

    /// <summary>Cosine similarity of two vectors (0 for a zero vector).</summary>
    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>A fresh value id (short, unique in practice, never a participant id).</summary>
    public static string NewValueId() => "v-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A stored card as a <see cref="ValuesCard"/>.</summary>
    public static ValuesCard ToCard(ValuesCardRecord c) =>
        new(c.Title, c.Description, JsonSerializer.Deserialize<string[]>(c.PoliciesJson) ?? []);

    private async Task<bool> SameValueAsync(ModelRef judge, ValuesCard a, ValuesCard b, CancellationToken ct)
    {
        var prompt = InterviewPrompts.SameValue.Text.Replace("{a}", CardDrafts.AsText(a)).Replace("{b}", CardDrafts.AsText(b));
        try
        {
            var answer = await gateway.GetResponseAsync(judge, [new ChatMessage(ChatRole.User, prompt)],
                new ChatOptions { Temperature = 0, MaxOutputTokens = 5 }, ct);
            return answer.Text.Trim().TrimStart('"', '\'', '*').StartsWith("yes", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keeping a card apart loses nothing: a researcher can still merge it on the values page.
            log.LogWarning(e, "The same-value confirmation failed on {Endpoint}/{Model}; the card stays a value of its own", judge.Endpoint, judge.Model);
            return false;
        }
    }
}

/// <summary>Where a submitted card goes.</summary>
/// <param name="ValueId">The value it joins (existing) or starts (new).</param>
/// <param name="Decision"><c>new</c>, <c>merged-identical</c>, <c>merged-confirmed</c> or <c>kept-apart</c>.</param>
/// <param name="Similarity">Similarity to the closest existing value (null when there was none).</param>
/// <param name="ClosestValueId">That value's id.</param>
public sealed record CanonicalChoice(string ValueId, string Decision, double? Similarity, string? ClosestValueId)
{
    /// <summary>True when the card joined an existing value.</summary>
    public bool Merged => Decision.StartsWith("merged", StringComparison.Ordinal);
}
