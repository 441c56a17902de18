namespace InteractionLab.Domain.Metrics;

/// <summary>HALIE question answering: accuracy with vs without the LM, time and queries per question.</summary>
public static class QuestionAnsweringMetrics
{
    /// <summary>Computes the session's metrics. Events are taken in timestamp order (stable for ties);
    /// events on questions not in <paramref name="questions"/> are ignored. Unanswered questions are left out
    /// of accuracy — an abandoned session should not read as wrong answers.</summary>
    public static QaSessionMetrics Compute(IReadOnlyList<QaQuestion> questions, IReadOnlyList<QaEvent> events)
    {
        var byId = questions.ToDictionary(q => q.Id);
        var ordered = events.Where(e => byId.ContainsKey(e.QuestionId)).OrderBy(e => e.TimestampMs).ToArray();
        var shownOrder = ordered.Where(e => e.Kind == QaEventKind.Shown).Select(e => e.QuestionId).Distinct().ToArray();

        var outcomes = shownOrder.Select(id => Outcome(byId[id], ordered)).ToArray();
        var scored = outcomes.Where(o => !o.IsAttentionCheck).ToArray();
        var check = outcomes.FirstOrDefault(o => o.IsAttentionCheck && o.Answered);
        return new QaSessionMetrics(
            outcomes,
            Accuracy(scored.Where(o => o.Assisted)),
            Accuracy(scored.Where(o => !o.Assisted)),
            MeanOrNull(scored.Where(o => o.Seconds is not null).Select(o => o.Seconds!.Value)),
            MeanOrNull(scored.Where(o => o.Assisted).Select(o => (double)o.Queries)),
            check?.Correct);
    }

    private static QuestionOutcome Outcome(QaQuestion question, QaEvent[] ordered)
    {
        var shownAt = ordered.First(e => e.Kind == QaEventKind.Shown && e.QuestionId == question.Id).TimestampMs;
        // The question ends at its own Next; if that was not logged, at the first other question shown after it.
        var end = ordered.FirstOrDefault(e => e.TimestampMs >= shownAt
            && ((e.Kind == QaEventKind.Next && e.QuestionId == question.Id)
                || (e.Kind == QaEventKind.Shown && e.QuestionId != question.Id)));
        var choice = ordered.LastOrDefault(e => e.Kind == QaEventKind.Answer && e.QuestionId == question.Id)?.Choice;
        var queries = ordered.Count(e => e.Kind == QaEventKind.Query && e.QuestionId == question.Id);
        return new QuestionOutcome(
            question.Id, question.Assisted, question.IsAttentionCheck, choice,
            choice is not null && string.Equals(choice, question.CorrectChoice, StringComparison.Ordinal),
            end is null ? null : (end.TimestampMs - shownAt) / 1000.0,
            queries);
    }

    private static double? Accuracy(IEnumerable<QuestionOutcome> outcomes)
    {
        var answered = outcomes.Where(o => o.Answered).ToArray();
        return answered.Length == 0 ? null : (double)answered.Count(o => o.Correct) / answered.Length;
    }

    private static double? MeanOrNull(IEnumerable<double> values)
    {
        var array = values.ToArray();
        return array.Length == 0 ? null : array.Average();
    }
}
