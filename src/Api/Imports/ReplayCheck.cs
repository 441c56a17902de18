using System.Globalization;
using System.Text.Json.Serialization;
using InteractionLab.Domain.Writing;

namespace InteractionLab.Api.Imports;

/// <summary>How a replay check came out (written as a word in JSON: <c>match</c>, <c>mismatch</c>, <c>error</c>, <c>not checked</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplayOutcome>))]
public enum ReplayOutcome
{
    /// <summary>Every logged document and every submitted sentence agrees with the replay.</summary>
    [JsonStringEnumMemberName("match")] Match,
    /// <summary>A logged document or a submitted sentence disagrees with the replay.</summary>
    [JsonStringEnumMemberName("mismatch")] Mismatch,
    /// <summary>Replay stopped on an edit that does not fit the document.</summary>
    [JsonStringEnumMemberName("error")] Error,
    /// <summary>Nothing to compare, or nothing stored.</summary>
    [JsonStringEnumMemberName("not checked")] NotChecked,
}

/// <summary>
/// Replaying an imported log against what it logged (<see cref="TraceCheck"/>): every logged document and every
/// submitted sentence. <paramref name="EventNumber"/> (1-based, the stored event's sequence number) and
/// <paramref name="LineNumber"/> point at the first event where replay and log part ways.
/// </summary>
/// <param name="Outcome">Match, mismatch, error or not checked.</param>
/// <param name="EventNumber">The first diverging event (1-based); null unless a mismatch or an error.</param>
/// <param name="LineNumber">Its line in the file; null unless a mismatch or an error.</param>
/// <param name="Message">A sentence for the researcher.</param>
/// <param name="DocumentsChecked">Logged documents compared.</param>
/// <param name="SentencesChecked">Submitted and removed sentences compared.</param>
public sealed record ReplayCheck(ReplayOutcome Outcome, int? EventNumber, int? LineNumber, string Message, int DocumentsChecked = 0, int SentencesChecked = 0)
{
    /// <summary>The check of a log nothing of which was stored.</summary>
    public static ReplayCheck NothingStored { get; } = new(ReplayOutcome.NotChecked, null, null, "Nothing was stored, so nothing was replayed.");

    /// <summary>Replays <paramref name="events"/> and compares every logged document and sentence.</summary>
    public static ReplayCheck Of(IReadOnlyList<TraceEvent> events)
    {
        var check = TraceCheck.Run(events);
        var counted = $"{Count(check.DocumentsChecked, "logged document")} and {Count(check.SentencesChecked, "submitted or removed sentence")} checked";
        if (check.Outcome == TraceCheckOutcome.NotChecked)
            return new(ReplayOutcome.NotChecked, null, null, "No event logged a document or a sentence, so there is nothing to compare the replay with.");
        if (check.EventIndex is not { } index)
            return new(ReplayOutcome.Match, null, null, $"Replay matches: {counted}.", check.DocumentsChecked, check.SentencesChecked);
        var line = events[index].LineNumber;
        var where = $"event {(index + 1).ToString(CultureInfo.InvariantCulture)} (line {line.ToString(CultureInfo.InvariantCulture)})";
        return check.Outcome == TraceCheckOutcome.Error
            ? new(ReplayOutcome.Error, index + 1, line, $"Replay error at {where}: {check.Reason}.", check.DocumentsChecked, check.SentencesChecked)
            : new(ReplayOutcome.Mismatch, index + 1, line, $"Mismatch at {where}: {check.Reason}.", check.DocumentsChecked, check.SentencesChecked);
    }

    private static string Count(int n, string what) => $"{n.ToString(CultureInfo.InvariantCulture)} {what}{(n == 1 ? "" : "s")}";
}
