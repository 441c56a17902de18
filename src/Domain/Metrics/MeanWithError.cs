namespace InteractionLab.Domain.Metrics;

/// <summary>Mean ± standard error of a sample, as HALIE reports each metric per task and model.</summary>
/// <param name="N">How many values (NaN values are left out before counting).</param>
/// <param name="Mean">Arithmetic mean; NaN when <paramref name="N"/> is 0.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1 denominator); NaN when N &lt; 2.</param>
/// <param name="StandardError">SD / √n; NaN when N &lt; 2, because one value says nothing about spread.</param>
public sealed record MeanWithError(int N, double Mean, double StandardDeviation, double StandardError)
{
    /// <summary>True when a standard error exists (at least two values).</summary>
    public bool HasStandardError => N >= 2;

    /// <summary>Summarises <paramref name="values"/>. NaN entries mean "metric undefined for this session"
    /// (e.g. an acceptance rate with no suggestions opened) and are skipped rather than poisoning the mean.</summary>
    public static MeanWithError Of(IEnumerable<double> values)
    {
        var sample = values.Where(v => !double.IsNaN(v)).ToArray();
        var n = sample.Length;
        if (n == 0)
        {
            return new MeanWithError(0, double.NaN, double.NaN, double.NaN);
        }
        var mean = sample.Average();
        if (n == 1)
        {
            return new MeanWithError(1, mean, double.NaN, double.NaN);
        }
        // Two passes: the sum of squared deviations is numerically steadier than Σx² − n·mean².
        var sd = Math.Sqrt(sample.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        return new MeanWithError(n, mean, sd, sd / Math.Sqrt(n));
    }

    /// <summary>Summarises optional values; nulls are skipped like NaN.</summary>
    public static MeanWithError Of(IEnumerable<double?> values) => Of(values.Select(v => v ?? double.NaN));
}
