namespace InteractionLab.Domain.Annotation;

/// <summary>
/// Alpha with a bootstrap confidence interval. Each resample draws the pairable units with replacement (as many as
/// there are), tallies their coincidences and computes alpha again, difference function and all, from that
/// resample's own matrix; the interval is the percentile interval of the resampled alphas. The generator is seeded,
/// so the same ratings always give the same interval.
/// </summary>
public static class AlphaBootstrap
{
    /// <summary>Resamples used unless asked otherwise (the issue asks for at least 1,000).</summary>
    public const int DefaultResamples = 1000;

    /// <summary>Seed used unless asked otherwise.</summary>
    public const int DefaultSeed = 16;

    /// <summary>Alpha, its 95 % interval and percent agreement of <paramref name="units"/>.</summary>
    public static AgreementEstimate Estimate(IEnumerable<IReadOnlyList<double>> units, MeasurementLevel level,
        int resamples = DefaultResamples, int seed = DefaultSeed, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), "The confidence level lies between 0 and 1.");
        var pairable = units.Where(u => u.Count >= 2).ToList();
        var point = KrippendorffAlpha.Compute(pairable, level);
        if (!point.IsDefined || pairable.Count < 2)
            return new AgreementEstimate(level, point.Alpha, double.NaN, double.NaN, point.PercentAgreement, point.Units, point.PairableValues, 0, seed, confidence);

        var tally = new UnitTally(pairable);
        var random = new Random(seed);
        var draws = new int[pairable.Count];
        var alphas = new List<double>(resamples);
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(draws);
            for (var i = 0; i < draws.Length; i++) draws[random.Next(draws.Length)]++;
            var alpha = KrippendorffAlpha.Compute(tally.Matrix(draws), level, pairable.Count).Alpha;
            // A resample made only of units that all got one and the same value has no alpha; it is left out.
            if (!double.IsNaN(alpha)) alphas.Add(alpha);
        }
        alphas.Sort();
        var tail = (1 - confidence) / 2;
        return new AgreementEstimate(level, point.Alpha, Quantile(alphas, tail), Quantile(alphas, 1 - tail),
            point.PercentAgreement, point.Units, point.PairableValues, alphas.Count, seed, confidence);
    }

    /// <summary>The q-quantile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) return double.NaN;
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Each unit's coincidences as flat (row, column, weight) triples, so a resample only adds them up.</summary>
    private sealed class UnitTally
    {
        private readonly double[] values;
        private readonly int[] start, rows, columns;
        private readonly double[] weights;

        public UnitTally(IReadOnlyList<IReadOnlyList<double>> units)
        {
            values = units.SelectMany(u => u).Distinct().Order().ToArray();
            var index = values.Select((value, i) => (value, i)).ToDictionary(p => p.value, p => p.i);
            var total = units.Sum(u => u.Count * (u.Count - 1));
            start = new int[units.Count + 1];
            rows = new int[total];
            columns = new int[total];
            weights = new double[total];
            var at = 0;
            for (var u = 0; u < units.Count; u++)
            {
                start[u] = at;
                var unit = units[u];
                for (var i = 0; i < unit.Count; i++)
                    for (var j = 0; j < unit.Count; j++)
                    {
                        if (i == j) continue;
                        rows[at] = index[unit[i]];
                        columns[at] = index[unit[j]];
                        weights[at++] = 1.0 / (unit.Count - 1);
                    }
            }
            start[units.Count] = at;
        }

        public CoincidenceMatrix Matrix(int[] draws)
        {
            var counts = new double[values.Length, values.Length];
            for (var u = 0; u < draws.Length; u++)
            {
                if (draws[u] == 0) continue;
                for (var p = start[u]; p < start[u + 1]; p++) counts[rows[p], columns[p]] += draws[u] * weights[p];
            }
            return CoincidenceMatrix.FromCounts(values, counts);
        }
    }
}
