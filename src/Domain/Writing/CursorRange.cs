namespace InteractionLab.Domain.Writing;

/// <summary>A Quill selection: <paramref name="Index"/> in UTF-16 code units, <paramref name="Length"/> selected.</summary>
public sealed record CursorRange(int Index, int Length);
