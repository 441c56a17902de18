namespace InteractionLab.Api.MoralGraph;

/// <summary>A Moral Graph Elicitation study's phase, what it rests on and what is needed to move on.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Values">Distinct values (interviews and imports) of the question with the most.</param>
/// <param name="DraftStories">Stories written and waiting for review.</param>
/// <param name="ApprovedStories">Stories participants can judge.</param>
/// <param name="Votes">Wiser-than votes stored.</param>
/// <param name="Next">What the researcher does to move on, in words.</param>
/// <param name="Warnings">Stages that cannot work as things stand (a voting stage without approved stories), in words.</param>
public sealed record MoralGraphProgress(
    MoralGraphPhase Phase, int Values, int DraftStories, int ApprovedStories, int Votes, string Next, IReadOnlyList<string> Warnings);
