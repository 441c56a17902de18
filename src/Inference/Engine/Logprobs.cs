using System.Text;

namespace InteractionLab.Inference.Engine;

/// <summary>Log-probabilities under the model's raw distribution (before penalties and temperature), as OpenAI reports them.</summary>
internal static class Logprobs
{
    public static TokenLogprob Compute(ReadOnlySpan<float> logits, int chosen, int top, TextTokenizer tokenizer, int[] scratch)
    {
        var max = logits[TokenSampler.ArgMax(logits)];
        var sum = 0.0;
        foreach (var value in logits)
        {
            sum += Math.Exp(value - max);
        }

        var logZ = max + (float)Math.Log(sum);
        var alternatives = new List<(string, float, byte[])>(top);
        var n = top > 0 ? TokenSampler.TopIndices(logits, top, scratch) : 0;
        for (var i = 0; i < n; i++)
        {
            var bytes = Bytes(tokenizer, scratch[i]);
            alternatives.Add((Encoding.UTF8.GetString(bytes), logits[scratch[i]] - logZ, bytes));
        }

        var chosenBytes = Bytes(tokenizer, chosen);
        return new TokenLogprob(Encoding.UTF8.GetString(chosenBytes), logits[chosen] - logZ, chosenBytes, alternatives);
    }

    private static byte[] Bytes(TextTokenizer tokenizer, int id) =>
        tokenizer.TokenBytes(id) ?? Encoding.UTF8.GetBytes(tokenizer.Decode([id]));
}
