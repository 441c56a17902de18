using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Domain.Tests.MoralGraph;

/// <summary>Small builders so each test shows only the votes that matter to it.</summary>
internal static class MoralGraphFixtures
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static ValuesCard GoodCard(string title = "Space to find their way") => new(
        title,
        "Helping someone by giving them room to think for themselves. Advice can wait until it is asked for.",
        [
            "MOMENTS when a friend needs space rather than answers",
            "FEELINGS of relief when someone reaches their own conclusion",
            "CHOICES that keep the other person's options open",
        ]);

    public static CanonicalValue Value(string id, string question = "q1") => new(id, question, GoodCard($"Value {id} for choosing"));

    public static WiserVote Vote(
        string from,
        string to,
        VoteChoice choice = VoteChoice.Wiser,
        string participant = "p1",
        int minute = 0,
        string? batch = null,
        string? context = null) =>
        new(participant, from, to, choice, context, null, Start.AddMinutes(minute), batch);

    public static IEnumerable<WiserVote> Votes(string from, string to, VoteChoice choice, int count) =>
        Enumerable.Range(0, count).Select(i => Vote(from, to, choice, participant: $"p{i}"));
}
