namespace InteractionLab.Web.Components.Charts;

/// <summary>One labelled value of a bar chart or sparkline.</summary>
/// <param name="Label">What the value is of (shown next to the bar and in the table).</param>
/// <param name="Value">The value.</param>
public sealed record ChartDatum(string Label, double Value);

/// <summary>One bar of a stacked bar chart: a label and one value per series.</summary>
/// <param name="Label">The bar's label.</param>
/// <param name="Values">One value per series, in the series' order.</param>
public sealed record StackedRow(string Label, IReadOnlyList<double> Values)
{
    /// <summary>Sum of the segments.</summary>
    public double Total => Values.Sum();
}

/// <summary>A histogram bin: values in [From, To) (the last bin includes its upper edge).</summary>
/// <param name="From">Lower edge.</param>
/// <param name="To">Upper edge.</param>
/// <param name="Count">Values in the bin.</param>
public sealed record HistogramBin(double From, double To, int Count);

/// <summary>Scaling and binning shared by the chart components (kept apart so they are easy to check).</summary>
public static class ChartMath
{
    /// <summary>Length of a bar for <paramref name="value"/> when <paramref name="max"/> fills <paramref name="full"/> (0 for no data).</summary>
    public static double Scale(double value, double max, double full) => max <= 0 || value <= 0 ? 0 : Math.Min(full, value / max * full);

    /// <summary>
    /// Equal-width bins from the smallest to the largest value. All-equal values make one bin; no values make none.
    /// </summary>
    public static IReadOnlyList<HistogramBin> Bin(IReadOnlyList<double> values, int bins)
    {
        if (values.Count == 0 || bins < 1) return [];
        var min = values.Min();
        var max = values.Max();
        if (max <= min) return [new HistogramBin(min, max, values.Count)];
        var width = (max - min) / bins;
        var counts = new int[bins];
        foreach (var v in values) counts[Math.Min(bins - 1, (int)((v - min) / width))]++;
        return counts.Select((c, i) => new HistogramBin(min + i * width, i == bins - 1 ? max : min + (i + 1) * width, c)).ToList();
    }

    /// <summary>A number for labels: integers plainly, others with up to two decimals.</summary>
    public static string Format(double value) => value.ToString(Math.Abs(value % 1) < 1e-9 ? "0" : "0.##", System.Globalization.CultureInfo.InvariantCulture);
}
