using System.Text.Json;

namespace InteractionLab.Api.Annotation.Quality;

/// <summary>
/// One line of the first- vs third-party comparison as a table (CSV or JSON Lines): a question's mean ± SE for one
/// condition and one source, with the question's alpha between the participants and the annotators' aggregate (pooled
/// over conditions, so the same on every line of the question).
/// </summary>
/// <param name="Question">Question key.</param>
/// <param name="Condition">Condition key.</param>
/// <param name="Source">participant, annotators or judges.</param>
/// <param name="N">Units (session, artifact, turn) the mean is over.</param>
/// <param name="Mean">Mean (a share of yes for yes/no questions); null with no units.</param>
/// <param name="Se">Standard error of the mean; null with fewer than two units.</param>
/// <param name="Alpha">Krippendorff's alpha, participant vs annotators' aggregate; null when not defined.</param>
/// <param name="AlphaLower">Lower end of its 95% bootstrap interval.</param>
/// <param name="AlphaUpper">Upper end of its 95% bootstrap interval.</param>
/// <param name="AlphaUnits">Units both rated.</param>
public sealed record ComparisonRow(string Question, string Condition, string Source, int N, double? Mean, double? Se,
    double? Alpha, double? AlphaLower, double? AlphaUpper, int AlphaUnits)
{
    /// <summary>The comparison's lines: per question, per condition, the participant, annotators and judges.</summary>
    public static async IAsyncEnumerable<ComparisonRow> Of(RatingComparison comparison)
    {
        await Task.CompletedTask;
        foreach (var q in comparison.Questions)
            foreach (var c in q.Cells)
                foreach (var (source, cell) in new[] { ("participant", c.Participant), ("annotators", c.Annotators), ("judges", c.Judges) })
                    yield return new ComparisonRow(q.Key, c.Condition, source, cell.N, cell.N == 0 ? null : cell.Mean, cell.N < 2 ? null : cell.StandardError,
                        q.Agreement.Alpha, q.Agreement.Lower, q.Agreement.Upper, q.Agreement.Units);
    }

    /// <summary>Writes one line (every property, nulls included, so the CSV columns are the same on every line).</summary>
    public static void Write(Utf8JsonWriter w, ComparisonRow row) => JsonSerializer.SerializeToElement(row, Domain.Studies.ConfigHash.Json).WriteTo(w);
}
