using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Api.MoralGraph.Voting;

/// <summary>A story to judge, as the participant sees it.</summary>
/// <param name="HypothesisId">The hypothesis (the vote names it).</param>
/// <param name="Context">Its context, e.g. "When in distress".</param>
/// <param name="Story">The story.</param>
/// <param name="From">Value A's card.</param>
/// <param name="To">Value B's card.</param>
public sealed record VotingStory(long HypothesisId, string Context, string Story, ValuesCard From, ValuesCard To);

/// <summary>Where the participant's own value stands in the graph of its question.</summary>
/// <param name="ValueId">Their value.</param>
/// <param name="Card">Its card.</param>
/// <param name="Position">1 + the values ranked strictly higher (tied values share a position).</param>
/// <param name="Of">Values in the graph.</param>
/// <param name="Above">Titles of the highest values ranked strictly higher than theirs (up to three), for comparison.</param>
/// <param name="TiedWith">Other values with the same rank.</param>
public sealed record ValuePosition(string ValueId, ValuesCard Card, int Position, int Of, IReadOnlyList<string> Above, int TiedWith = 0);

/// <summary>What a voting stage shows now (rebuilt from the stage's events after a reload).</summary>
/// <param name="Progress">Votes cast and owed, and the follow-up's state.</param>
/// <param name="Current">The story to judge now, or null when voting is over.</param>
/// <param name="Position">The follow-up about their value, when voting is over and they have a value; else null.</param>
public sealed record VotingState(VotingProgress Progress, VotingStory? Current, ValuePosition? Position)
{
    /// <summary>True when every question of the stage is answered and the participant may finish.</summary>
    public bool Done => Progress.VotesLeft == 0 && Current is null && !Progress.PositionPending;
}
