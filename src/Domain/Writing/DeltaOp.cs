namespace InteractionLab.Domain.Writing;

/// <summary>One Quill delta operation. <see cref="Text"/> is set for inserts; <see cref="Count"/> is the
/// number of UTF-16 code units retained, inserted or deleted.</summary>
public sealed record DeltaOp(DeltaOpKind Kind, int Count, string? Text = null)
{
    /// <summary>Skip <paramref name="count"/> characters.</summary>
    public static DeltaOp Retain(int count) => new(DeltaOpKind.Retain, count);

    /// <summary>Insert <paramref name="text"/>.</summary>
    public static DeltaOp Insert(string text) => new(DeltaOpKind.Insert, text.Length, text);

    /// <summary>Remove <paramref name="count"/> characters.</summary>
    public static DeltaOp Delete(int count) => new(DeltaOpKind.Delete, count);
}
