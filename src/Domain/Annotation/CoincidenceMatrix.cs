namespace InteractionLab.Domain.Annotation;

/// <summary>
/// Krippendorff's coincidence matrix of reliability data: o[c,k] counts, over every unit u with m_u ≥ 2 values,
/// the ordered pairs of values (c, k) from different coders, each weighted 1 / (m_u − 1), so every pairable value
/// contributes exactly 1 to its row. Units with fewer than two values are not pairable and leave no trace.
/// </summary>
public sealed class CoincidenceMatrix
{
    private CoincidenceMatrix(double[] values, double[,] counts)
    {
        Values = values;
        Counts = counts;
        var v = values.Length;
        var marginals = new double[v];
        for (var c = 0; c < v; c++)
            for (var k = 0; k < v; k++)
                marginals[c] += counts[c, k];
        Marginals = marginals;
        PairableValues = marginals.Sum();
    }

    /// <summary>The distinct values that occur in pairable units, ascending; row/column c is <c>Values[c]</c>.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>o[c,k].</summary>
    public double[,] Counts { get; }

    /// <summary>n_c = Σ_k o[c,k]: how many pairable values equal <c>Values[c]</c>.</summary>
    public IReadOnlyList<double> Marginals { get; }

    /// <summary>n = Σ_c n_c: the number of pairable values.</summary>
    public double PairableValues { get; }

    /// <summary>Builds the matrix from units (the values coders gave one unit; a missing value is simply absent).</summary>
    public static CoincidenceMatrix From(IEnumerable<IReadOnlyList<double>> units)
    {
        var pairable = units.Where(u => u.Count >= 2).ToList();
        var values = pairable.SelectMany(u => u).Distinct().Order().ToArray();
        var index = values.Select((value, i) => (value, i)).ToDictionary(p => p.value, p => p.i);
        var counts = new double[values.Length, values.Length];
        foreach (var unit in pairable)
        {
            var weight = 1.0 / (unit.Count - 1);
            for (var i = 0; i < unit.Count; i++)
                for (var j = 0; j < unit.Count; j++)
                    if (i != j) counts[index[unit[i]], index[unit[j]]] += weight;
        }
        return new CoincidenceMatrix(values, counts);
    }

    /// <summary>A matrix from counts already tallied over <paramref name="values"/> (used by the bootstrap).</summary>
    internal static CoincidenceMatrix FromCounts(double[] values, double[,] counts) => new(values, counts);
}
