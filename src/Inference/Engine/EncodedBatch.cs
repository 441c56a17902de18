namespace InteractionLab.Inference.Engine;

/// <summary>Right-padded encoder inputs of one batch (row-major, <see cref="Size"/> × <see cref="Length"/>).</summary>
internal sealed record EncodedBatch(long[] Ids, long[] Mask, int Size, int Length, int Tokens);
