namespace InteractionLab.Web.Components.Charts;

/// <summary>One bar of an error-bar chart: a mean, its ± error and how many values it summarises.</summary>
/// <param name="Mean">The bar's length; NaN when there are no values (no bar is drawn).</param>
/// <param name="Error">Half the whisker (the standard error); NaN when there is none (n &lt; 2): no whisker.</param>
/// <param name="N">Number of values.</param>
public sealed record ErrorBarValue(double Mean, double Error, int N)
{
    /// <summary>Whether a bar is drawn.</summary>
    public bool HasMean => !double.IsNaN(Mean);

    /// <summary>Whether a whisker is drawn.</summary>
    public bool HasError => HasMean && !double.IsNaN(Error);
}

/// <summary>One group of bars (one metric): a value per series (condition), in the series' order.</summary>
/// <param name="Label">What the group measures.</param>
/// <param name="Values">One value per series.</param>
public sealed record ErrorBarGroup(string Label, IReadOnlyList<ErrorBarValue> Values);
