namespace InteractionLab.Domain.Writing;

/// <summary>An event whose logged <c>currentDoc</c> differs from the replayed document after it.
/// <paramref name="FirstDifference"/> is the first differing UTF-16 position.</summary>
public sealed record DocumentMismatch(int EventIndex, int? EventNum, int FirstDifference);
