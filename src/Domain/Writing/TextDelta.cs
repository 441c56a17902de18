namespace InteractionLab.Domain.Writing;

/// <summary>A Quill-style delta (<c>{ "ops": [...] }</c>) applied against the current document text.
/// Characters after the last op are retained implicitly, as in Quill.</summary>
public sealed record TextDelta(IReadOnlyList<DeltaOp> Ops)
{
    /// <summary>Builds a delta from ops.</summary>
    public static TextDelta Of(params DeltaOp[] ops) => new(ops);

    /// <summary>All inserted text, in op order.</summary>
    public string InsertedText => string.Concat(Ops.Where(o => o.Kind == DeltaOpKind.Insert).Select(o => o.Text));
}
