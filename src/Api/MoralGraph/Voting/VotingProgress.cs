using InteractionLab.Api.Tasks;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.MoralGraph.Voting;

/// <summary>How far a participant is in a voting stage, read from the stage's own events (resume and the completion rule agree).</summary>
/// <param name="Target">Stories to judge (the stage's setting).</param>
/// <param name="VotedIds">Hypotheses judged, in order.</param>
/// <param name="ShownIds">Hypotheses shown, in order.</param>
/// <param name="Current">The story shown and not yet judged (resume shows it again), or null.</param>
/// <param name="NoneLeft">True once no approved story was left for the participant.</param>
/// <param name="PositionShown">True once their value's position was shown.</param>
/// <param name="PositionAnswered">True once they said whether it is fair.</param>
/// <param name="PositionUnavailable">True once their value could not be placed (the graph had no edge yet): not asked.</param>
public sealed record VotingProgress(
    int Target, IReadOnlyList<long> VotedIds, IReadOnlyList<long> ShownIds, long? Current, bool NoneLeft, bool PositionShown, bool PositionAnswered,
    bool PositionUnavailable = false)
{
    /// <summary>Votes still owed (0 when enough were cast or nothing is left).</summary>
    public int VotesLeft => NoneLeft ? 0 : Math.Max(0, Target - VotedIds.Count);

    /// <summary>Whether the position question was asked and not answered.</summary>
    public bool PositionPending => PositionShown && !PositionAnswered;

    /// <summary>Reads the events of one voting stage.</summary>
    public static VotingProgress From(IReadOnlyList<TaskEventRecord> events, TaskConfig task)
    {
        var voted = new List<long>();
        var shown = new List<long>();
        bool noneLeft = false, positionShown = false, positionAnswered = false, positionUnavailable = false;
        foreach (var e in events)
        {
            switch (e.Type)
            {
                case MoralVoting.ShownEvent when e.Number("hypothesisId") is { } id:
                    shown.Add((long)id);
                    break;
                case MoralVoting.VoteEvent when e.Number("hypothesisId") is { } id && !voted.Contains((long)id):
                    voted.Add((long)id);
                    break;
                case MoralVoting.NoneLeftEvent:
                    noneLeft = true;
                    break;
                case MoralVoting.PositionShownEvent:
                    positionShown = true;
                    break;
                case MoralVoting.PositionEvent:
                    positionAnswered = true;
                    break;
                case MoralVoting.PositionUnavailableEvent:
                    positionUnavailable = true;
                    break;
            }
        }
        long? current = shown.Count > 0 && !voted.Contains(shown[^1]) ? shown[^1] : null;
        var target = Math.Max(1, task.IntSetting(MoralVotingTask.VotesSetting, MoralVotingTask.DefaultVotes));
        return new VotingProgress(target, voted, shown, current, noneLeft, positionShown, positionAnswered, positionUnavailable);
    }
}
