namespace InteractionLab.Inference.Demo;

/// <summary>Shape of a generated test transformer.</summary>
internal sealed record TransformerSpec(
    int VocabSize,
    int Hidden = 64,
    int Heads = 4,
    int Layers = 2,
    int Intermediate = 256,
    int MaxPositions = 1024,
    float[]? LogitBias = null)
{
    public int HeadDim => Hidden / Heads;
}
