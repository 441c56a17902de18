namespace InteractionLab.Domain.Writing;

/// <summary>The three Quill delta operations.</summary>
public enum DeltaOpKind
{
    /// <summary>Skip over existing characters.</summary>
    Retain,
    /// <summary>Insert text at the current position.</summary>
    Insert,
    /// <summary>Remove characters at the current position.</summary>
    Delete,
}
