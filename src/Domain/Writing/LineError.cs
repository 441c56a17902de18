namespace InteractionLab.Domain.Writing;

/// <summary>A trace line that could not be read. <paramref name="LineNumber"/> is 1-based.</summary>
public sealed record LineError(int LineNumber, string Reason);
