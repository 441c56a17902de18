using System.Security.Cryptography;
using System.Text;

namespace InteractionLab.Domain.Annotation;

/// <summary>
/// The per-annotator randomisation of what they are shown, derived from ids with SHA-256 so it is the same on every
/// server and every run (and so can be recorded and re-derived): where in the item ring an annotator starts, and
/// whether the two sides of a pair are swapped for them.
/// </summary>
public static class AnnotatorShuffle
{
    /// <summary>Items get a random ring position in [0, <see cref="Ring"/>); each annotator starts at their own offset.</summary>
    public const int Ring = 1 << 30;

    /// <summary>Where in the ring <paramref name="annotator"/> starts looking for items.</summary>
    public static int Offset(Guid annotator) => (int)(Hash(annotator.ToString("N")) % Ring);

    /// <summary>Whether <paramref name="annotator"/> sees the two sides of pair <paramref name="item"/> swapped.</summary>
    public static bool SwapSides(Guid annotator, Guid item) => Hash(annotator.ToString("N") + ":" + item.ToString("N")) % 2 == 1;

    private static uint Hash(string text) => BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
}
