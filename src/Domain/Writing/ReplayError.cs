namespace InteractionLab.Domain.Writing;

/// <summary>Why replay stopped: the event (by position in the list, its <c>eventNum</c> and source line) whose
/// delta does not fit the document.</summary>
public sealed record ReplayError(int EventIndex, int? EventNum, int LineNumber, string Reason)
{
    /// <summary>A sentence for reports, naming the event number.</summary>
    public string Message =>
        $"event {EventNum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"#{EventIndex}"}"
        + (LineNumber > 0 ? $" (line {LineNumber})" : "") + $": {Reason}";
}
