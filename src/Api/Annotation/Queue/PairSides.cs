namespace InteractionLab.Api.Annotation.Queue;

/// <summary>
/// The side labels of a pair. A multiple-choice question of a pair project whose options include "A" and "B" is a
/// preference: annotators see "A" first (left) and "B" second, and the stored rating says which side of the item it
/// means ("A" = the item's first side), whatever order this annotator saw them in.
/// </summary>
public static class PairSides
{
    /// <summary>The side shown first.</summary>
    public const string First = "A";

    /// <summary>The side shown second.</summary>
    public const string Second = "B";
}
