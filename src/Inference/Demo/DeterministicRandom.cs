namespace InteractionLab.Inference.Demo;

/// <summary>
/// SplitMix64: a tiny PRNG whose sequence is fixed by its definition, unlike System.Random whose algorithm may
/// change between runtimes. Demo weights and sampling must be identical on every machine for a given seed.
/// </summary>
internal struct DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A float uniformly distributed in [-scale, scale).</summary>
    public float NextSymmetric(float scale) => (float)((NextDouble() * 2.0 - 1.0) * scale);
}
