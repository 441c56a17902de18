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

    // Declared before WorkedVotes: static fields are set in file order.
    private static readonly DateTimeOffset WorkedStart = new(2023, 10, 25, 10, 0, 0, TimeSpan.Zero);

    public const string Distress = "When in distress", Grieving = "When grieving", Deciding = "When making decisions";

    /// <summary>
    /// The hand-worked vote set (the same votes as Fixtures/MoralGraph/original-tables.json, in the same order). Values 1–6;
    /// 1→2: 3 wiser, and 2→1: 1 wiser; 2→3: 2 wiser, 1 not wiser; 1→3: 2 wiser, 1 unsure, 1 not wiser; 4→3: 2 wiser;
    /// 5→4: 1 wiser; value 6 has no votes. The expected numbers are worked out in WorkedVoteSetTests.
    /// </summary>
    public static readonly WiserVote[] WorkedVotes =
    [
        Worked(101, 1, 2, VoteChoice.Wiser, Distress, 0), Worked(102, 1, 2, VoteChoice.Wiser, Grieving, 1),
        Worked(103, 1, 2, VoteChoice.Wiser, Distress, 2), Worked(104, 2, 1, VoteChoice.Wiser, Deciding, 3),
        Worked(105, 2, 3, VoteChoice.Wiser, Distress, 4), Worked(106, 2, 3, VoteChoice.Wiser, Distress, 5),
        Worked(107, 2, 3, VoteChoice.NotWiser, Distress, 6), Worked(108, 1, 3, VoteChoice.Wiser, Grieving, 7),
        Worked(109, 1, 3, VoteChoice.Wiser, Grieving, 8), Worked(110, 1, 3, VoteChoice.Unsure, Grieving, 9),
        Worked(111, 1, 3, VoteChoice.NotWiser, Grieving, 10), Worked(112, 4, 3, VoteChoice.Wiser, Deciding, 11),
        Worked(113, 4, 3, VoteChoice.Wiser, Deciding, 12), Worked(114, 5, 4, VoteChoice.Wiser, Deciding, 13),
    ];

    public static readonly CanonicalValue[] WorkedValues = [.. Enumerable.Range(1, 6).Select(i => Value(i.ToString()))];

    private static WiserVote Worked(int user, int from, int to, VoteChoice choice, string context, int minute) =>
        new(user.ToString(), from.ToString(), to.ToString(), choice, context, null, WorkedStart.AddMinutes(minute), null);

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "MoralGraph", name));
}
