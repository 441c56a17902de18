using System.Globalization;

namespace InteractionLab.Api.ConditionResults;

/// <summary>How result cells are written in the table and the CSV (invariant culture, so files read the same everywhere).</summary>
public static class ResultsFormat
{
    /// <summary>Written where there is no value, or no standard error (fewer than two sessions).</summary>
    public const string None = "—";

    /// <summary>A number with <paramref name="decimals"/> decimals; <see cref="None"/> for NaN.</summary>
    public static string Number(double value, int decimals = 2) =>
        double.IsNaN(value) ? None : value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>
    /// "mean ± SE (n)"; the SE reads "—" when n = 1; "— (0)" when no session has a value. Count rows read
    /// "k of n" (k sessions gave this answer out of n that answered).
    /// </summary>
    public static string Cell(ResultCell cell, ResultKind kind) => cell.N == 0
        ? $"{None} (0)"
        : kind == ResultKind.Count
            ? $"{cell.Count} of {cell.N}"
            : $"{Number(cell.Mean)} ± {Number(cell.StandardError)} ({cell.N})";
}
