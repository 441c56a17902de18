using System.Buffers;
using System.Numerics.Tensors;
using InteractionLab.Inference.Demo;

namespace InteractionLab.Inference.Engine;

/// <summary>
/// Chooses the next token of one completion: penalties, then greedy or temperature / top-k / top-p sampling with a
/// private seeded generator. Scratch buffers are rented once per completion (vocabularies reach 150k entries, so
/// fresh arrays would land on the large object heap per request) and never allocated per token.
/// </summary>
internal sealed class TokenSampler : IDisposable
{
    private readonly GenerationRequest _request;
    private readonly float[] _work;
    private readonly int[] _candidates;
    private readonly float[] _weights;
    private readonly int[]? _counts;
    private readonly bool[]? _seen;
    private readonly List<int> _seenIds = [];
    private readonly int[] _biasIds;
    private readonly float[] _biases;
    private DeterministicRandom _random;

    public TokenSampler(GenerationRequest request, int vocabSize, int index)
    {
        _request = request;
        _work = ArrayPool<float>.Shared.Rent(vocabSize);
        _candidates = ArrayPool<int>.Shared.Rent(vocabSize);
        _weights = ArrayPool<float>.Shared.Rent(vocabSize);
        // Copied to arrays once: enumerating the dictionary through its interface allocates for every token.
        _biasIds = [.. request.LogitBias.Keys];
        _biases = [.. _biasIds.Select(id => request.LogitBias[id])];
        _random = new DeterministicRandom(unchecked((ulong)request.Seed * 0x9E3779B97F4A7C15UL + (ulong)index + 1));
        if (request.RepetitionPenalty != 1f || request.FrequencyPenalty != 0f || request.PresencePenalty != 0f)
        {
            _counts = new int[vocabSize];
            _seen = new bool[vocabSize];
            foreach (var id in request.PromptIds)
            {
                MarkSeen(id);
            }
        }
    }

    /// <summary>Records a generated token for the penalties.</summary>
    public void Accept(int id)
    {
        if (_counts is not null && (uint)id < (uint)_counts.Length)
        {
            _counts[id]++;
            MarkSeen(id);
        }
    }

    public int Choose(ReadOnlySpan<float> logits)
    {
        if (_request.Greedy && _biasIds.Length == 0 && _counts is null)
        {
            return ArgMax(logits); // nothing changes the logits: no copy of the vocabulary-sized row
        }

        var work = _work.AsSpan(0, logits.Length);
        logits.CopyTo(work);
        for (var b = 0; b < _biasIds.Length; b++)
        {
            work[_biasIds[b]] += _biases[b];
        }

        ApplyPenalties(work);
        if (_request.Greedy)
        {
            return ArgMax(work);
        }

        var inverseTemperature = 1f / _request.Temperature;
        var max = TensorPrimitives.Max(work);
        int count;
        float total;
        if (_request.TopK > 0 && _request.TopK < work.Length)
        {
            count = TopIndices(work, _request.TopK, _candidates);
            total = 0f;
            for (var c = 0; c < count; c++)
            {
                total += _weights[c] = MathF.Exp((work[_candidates[c]] - max) * inverseTemperature);
            }
        }
        else
        {
            // The whole vocabulary: vectorised exp((logit - max) / T) over spans, the bulk of a sampling step.
            count = work.Length;
            var weights = _weights.AsSpan(0, count);
            TensorPrimitives.Subtract(work, max, weights);
            TensorPrimitives.Multiply(weights, inverseTemperature, weights);
            TensorPrimitives.Exp(weights, weights);
            total = TensorPrimitives.Sum(weights);
            for (var i = 0; i < count; i++) { _candidates[i] = i; }
        }

        if (_request.TopP < 1f)
        {
            count = Nucleus(count, total, _request.TopP, out total);
        }

        var target = (float)(_random.NextDouble() * total);
        for (var c = 0; c < count; c++)
        {
            target -= _weights[c];
            if (target < 0f) { return _candidates[c]; }
        }

        return _candidates[count - 1];
    }

    /// <summary>
    /// Keeps the smallest most-probable set whose mass reaches topP. Only candidates above (1-p)/V can be in that
    /// set (everything below sums to less than 1-p), so the sort touches a few entries instead of the vocabulary.
    /// </summary>
    private int Nucleus(int count, float total, float topP, out float kept)
    {
        var floor = total * (1f - topP) / count;
        var n = 0;
        for (var c = 0; c < count; c++)
        {
            if (_weights[c] >= floor)
            {
                _weights[n] = -_weights[c]; // negated so an ascending sort is by descending weight
                _candidates[n++] = _candidates[c];
            }
        }

        Array.Sort(_weights, _candidates, 0, n);
        kept = 0f;
        var need = topP * total;
        var size = 0;
        while (size < n && kept < need)
        {
            _weights[size] = -_weights[size];
            kept += _weights[size++];
        }

        return Math.Max(size, 1);
    }

    private void ApplyPenalties(Span<float> work)
    {
        if (_counts is null)
        {
            return;
        }

        var repetition = _request.RepetitionPenalty;
        foreach (var id in _seenIds)
        {
            if (id >= work.Length) { continue; }
            if (repetition != 1f) { work[id] = work[id] > 0 ? work[id] / repetition : work[id] * repetition; }
            var count = _counts[id];
            if (count > 0) { work[id] -= _request.FrequencyPenalty * count + _request.PresencePenalty; }
        }
    }

    private void MarkSeen(int id)
    {
        if ((uint)id < (uint)_seen!.Length && !_seen[id])
        {
            _seen[id] = true;
            _seenIds.Add(id);
        }
    }

    /// <summary>Index of the first largest value (vectorised).</summary>
    public static int ArgMax(ReadOnlySpan<float> values) => TensorPrimitives.IndexOfMax(values);

    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(_work);
        ArrayPool<int>.Shared.Return(_candidates);
        ArrayPool<float>.Shared.Return(_weights);
    }

    /// <summary>Indices of the k largest values, in descending order of value (insertion into a small sorted list).</summary>
    public static int TopIndices(ReadOnlySpan<float> values, int k, Span<int> result)
    {
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (n == k && values[i] <= values[result[n - 1]]) { continue; }
            var at = n < k ? n++ : n - 1;
            while (at > 0 && values[result[at - 1]] < values[i])
            {
                result[at] = result[at - 1];
                at--;
            }

            result[at] = i;
        }

        return n;
    }
}
