using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Tests;

public class StudiesItemOrderingTests
{
    [Fact]
    public void FixedKeepsTheConfiguredOrder()
    {
        Assert.Equal([0, 1, 2, 3], ItemOrdering.For(ItemOrder.Fixed, 4, participantOrdinal: 7, seed: 99));
    }

    [Fact]
    public void CounterbalancedIsALatinSquareOverParticipants()
    {
        var rows = Enumerable.Range(0, 4).Select(k => ItemOrdering.For(ItemOrder.Counterbalanced, 4, k, seed: 0)).ToList();

        Assert.Equal([1, 2, 3, 0], rows[1]);
        // Every item appears in every position exactly once over n consecutive participants.
        for (var position = 0; position < 4; position++)
            Assert.Equal([0, 1, 2, 3], rows.Select(r => r[position]).Order());
        Assert.Equal(rows[0], ItemOrdering.For(ItemOrder.Counterbalanced, 4, 4, seed: 0));
    }

    [Fact]
    public void RandomIsAReproduciblePermutationThatDependsOnTheSeed()
    {
        var a = ItemOrdering.For(ItemOrder.Random, 8, 0, seed: 12345);

        Assert.Equal(a, ItemOrdering.For(ItemOrder.Random, 8, 5, seed: 12345));
        Assert.Equal(Enumerable.Range(0, 8), a.Order());
        var orders = Enumerable.Range(0, 20).Select(s => string.Join(",", ItemOrdering.For(ItemOrder.Random, 8, 0, s))).ToHashSet();
        Assert.True(orders.Count > 15, $"only {orders.Count} distinct orders from 20 seeds");
    }

    [Fact]
    public void TheSeedOfAnIdIsStable()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Equal(ItemOrdering.SeedOf(id), ItemOrdering.SeedOf(Guid.Parse(id.ToString())));
        Assert.NotEqual(ItemOrdering.SeedOf(id), ItemOrdering.SeedOf(Guid.NewGuid()));
    }
}
