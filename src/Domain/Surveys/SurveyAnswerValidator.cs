using System.Globalization;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Validation;

namespace InteractionLab.Domain.Surveys;

/// <summary>
/// Checks a survey submission against its stage's items. Errors are keyed by item key (the form field) so a
/// client can show them next to the question; an empty result means the whole submission may be saved.
/// </summary>
public static class SurveyAnswerValidator
{
    /// <summary>Longest free-text answer accepted.</summary>
    public const int MaxFreeTextLength = 5000;

    /// <summary>All problems found, grouped by item key.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(
        SurveyConfig survey, IReadOnlyList<SurveyAnswer> answers, IReadOnlySet<int> modelTurnIndexes) =>
        Validate(survey, answers, modelTurnIndexes, timedOut: false);

    /// <summary>
    /// All problems found, grouped by item key. With <paramref name="timedOut"/> (the stage's time ran out) missing
    /// required answers are accepted: what was filled in is kept and the rest is marked as timed out.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(
        SurveyConfig survey, IReadOnlyList<SurveyAnswer> answers, IReadOnlySet<int> modelTurnIndexes, bool timedOut)
    {
        // Paths are item keys: a survey form's fields are its questions.
        var errors = new FieldErrors();

        var items = survey.Items.ToDictionary(i => i.Key);
        foreach (var answer in answers)
        {
            if (!items.TryGetValue(answer.ItemKey, out var item))
            {
                errors.Add(answer.ItemKey, $"'{answer.ItemKey}' is not a question of this survey.");
                continue;
            }
            switch (item.Kind)
            {
                case SurveyItemKind.Likert:
                    if (answer.TurnIndex is not null) errors.Add(item.Key, "A scale answer cannot refer to a turn.");
                    if (!SurveyScoring.TryReadWholeNumber(answer.Value, out var v) || v < item.Min || v > item.Max)
                        errors.Add(item.Key, $"'{item.Prompt}' needs a whole number from {item.Min} to {item.Max}, written as plain digits (e.g. {item.Min}).");
                    break;
                case SurveyItemKind.FreeText:
                    if (answer.TurnIndex is not null) errors.Add(item.Key, "A text answer cannot refer to a turn.");
                    if (answer.Value.Length > MaxFreeTextLength) errors.Add(item.Key, $"Answers are limited to {MaxFreeTextLength} characters.");
                    break;
                case SurveyItemKind.TurnMark:
                    if (answer.TurnIndex is not { } t || !modelTurnIndexes.Contains(t))
                        errors.Add(item.Key, $"Turn {answer.TurnIndex?.ToString(CultureInfo.InvariantCulture) ?? "(none)"} is not a chatbot reply of this conversation.");
                    if (answer.Value is not ("true" or "false")) errors.Add(item.Key, "A turn mark must be true or false.");
                    break;
                case SurveyItemKind.YesNo:
                    if (answer.TurnIndex is not null) errors.Add(item.Key, "A yes/no answer cannot refer to a turn.");
                    if (answer.Value is not ("yes" or "no")) errors.Add(item.Key, $"'{item.Prompt}' needs yes or no.");
                    break;
                case SurveyItemKind.MultipleChoice:
                    if (answer.TurnIndex is not null) errors.Add(item.Key, "A choice cannot refer to a turn.");
                    if (item.Options?.Contains(answer.Value) != true) errors.Add(item.Key, $"'{item.Prompt}' needs one of the offered choices.");
                    break;
                case SurveyItemKind.Slider:
                    if (answer.TurnIndex is not null) errors.Add(item.Key, "A slider answer cannot refer to a turn.");
                    if (!SurveyScoring.IsValidAnswer(item, answer.Value))
                        errors.Add(item.Key, $"'{item.Prompt}' needs a value from {item.Min} to {item.Max} in steps of {item.Step}.");
                    break;
            }
        }

        foreach (var dup in answers.GroupBy(a => (a.ItemKey, a.TurnIndex)).Where(g => g.Count() > 1))
            errors.Add(dup.Key.ItemKey, "The same question is answered more than once.");

        // Turn marks are ticked only where they apply, so "required" means answered for the other kinds.
        foreach (var item in survey.Items.Where(i => i.Required && !timedOut && i.Kind != SurveyItemKind.TurnMark))
            if (!answers.Any(a => a.ItemKey == item.Key && !string.IsNullOrWhiteSpace(a.Value)))
                errors.Add(item.Key, $"'{item.Prompt}' needs an answer.");

        return errors.ToDictionary();
    }
}
