namespace InteractionLab.Domain.Studies;

/// <summary>
/// The order in which a participant sees a stage's items, as a permutation of configured positions. Pure and
/// reproducible, so the order shown can always be recomputed and is recorded with the answers.
/// </summary>
public static class ItemOrdering
{
    /// <summary>
    /// Configured indexes in display order: <c>result[p]</c> is the item shown at position p.
    /// </summary>
    /// <param name="order">Fixed, counterbalanced (Latin-square rotation by ordinal) or random (seeded).</param>
    /// <param name="itemCount">Number of items.</param>
    /// <param name="participantOrdinal">The participant's number within their condition, from 0 (counterbalancing).</param>
    /// <param name="seed">Shuffle seed (random order); see <see cref="SeedOf"/>.</param>
    public static IReadOnlyList<int> For(ItemOrder order, int itemCount, int participantOrdinal, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        var indexes = Enumerable.Range(0, itemCount).ToArray();
        if (itemCount < 2) return indexes;
        switch (order)
        {
            case ItemOrder.Counterbalanced:
                var shift = (int)((uint)participantOrdinal % (uint)itemCount);
                return indexes.Select(p => (p + shift) % itemCount).ToArray();
            case ItemOrder.Random:
                // Own generator rather than System.Random: its seeded sequence is not promised across .NET versions,
                // and a recorded seed must give the same order when an analysis recomputes it years later.
                var state = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 1;
                for (var i = itemCount - 1; i > 0; i--)
                {
                    var j = (int)(SplitMix64(ref state) % (ulong)(i + 1));
                    (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
                }
                return indexes;
            default:
                return indexes;
        }
    }

    /// <summary>A stable seed from an id (e.g. the session id), the same on every machine and run.</summary>
    public static int SeedOf(Guid id)
    {
        var bytes = id.ToByteArray();
        return BitConverter.ToInt32(bytes, 0) ^ BitConverter.ToInt32(bytes, 4) ^ BitConverter.ToInt32(bytes, 8) ^ BitConverter.ToInt32(bytes, 12);
    }

    /// <summary>Applies an order to a list.</summary>
    public static IReadOnlyList<T> Apply<T>(IReadOnlyList<T> items, IReadOnlyList<int> order) => order.Select(i => items[i]).ToList();

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
