using InteractionLab.Domain.Assignment;

namespace InteractionLab.Domain.Tests;

public class BalancedAssignmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(60);

    [Fact]
    public void AssignsLeastFilledConditionCountingInProgressSessions()
    {
        var conditions = TestStudies.TwoConditions().Conditions;
        SessionLoad[] sessions =
        [
            new("a", SessionStatus.Completed, Now.AddHours(-5)),
            new("a", SessionStatus.InProgress, Now.AddMinutes(-1)),
            new("b", SessionStatus.Completed, Now.AddHours(-2)),
        ];

        var chosen = BalancedAssignment.Choose(conditions, sessions, Now, Timeout, new Random(1));

        Assert.Equal("b", chosen.Key);
    }

    [Fact]
    public void ReclaimsTheSlotOfAnAbandonedSession()
    {
        var conditions = TestStudies.TwoConditions().Conditions;
        SessionLoad[] sessions =
        [
            new("a", SessionStatus.InProgress, Now.AddMinutes(-61)),
            new("b", SessionStatus.InProgress, Now.AddMinutes(-10)),
        ];

        var chosen = BalancedAssignment.Choose(conditions, sessions, Now, Timeout, new Random(1));

        Assert.Equal("a", chosen.Key);
    }

    [Theory]
    [InlineData(SessionStatus.Withdrawn)]
    [InlineData(SessionStatus.Abandoned)]
    public void SessionsThatLeftDoNotCount(SessionStatus status)
    {
        Assert.False(BalancedAssignment.CountsTowardBalance(new SessionLoad("a", status, Now), Now, Timeout));
    }

    [Fact]
    public void SequentialArrivalsFillConditionsEvenly()
    {
        var conditions = TestStudies.TwoConditions().Conditions;
        var sessions = new List<SessionLoad>();
        var rng = new Random(7);
        for (var i = 0; i < 100; i++)
        {
            var c = BalancedAssignment.Choose(conditions, sessions, Now, Timeout, rng);
            sessions.Add(new SessionLoad(c.Key, SessionStatus.InProgress, Now));
        }

        Assert.Equal(50, sessions.Count(s => s.ConditionKey == "a"));
        Assert.Equal(50, sessions.Count(s => s.ConditionKey == "b"));
    }

    [Fact]
    public void WeightsScaleTheTargetShare()
    {
        var conditions = new[] { TestStudies.Condition("a", weight: 3), TestStudies.Condition("b", weight: 1) };
        var sessions = new List<SessionLoad>();
        var rng = new Random(3);
        for (var i = 0; i < 80; i++)
        {
            var c = BalancedAssignment.Choose(conditions, sessions, Now, Timeout, rng);
            sessions.Add(new SessionLoad(c.Key, SessionStatus.Completed, Now));
        }

        Assert.Equal(60, sessions.Count(s => s.ConditionKey == "a"));
    }

    [Fact]
    public void TiesAreBrokenAcrossConditionsNotAlwaysTheFirst()
    {
        var conditions = TestStudies.TwoConditions().Conditions;
        var picks = Enumerable.Range(0, 40)
            .Select(seed => BalancedAssignment.Choose(conditions, [], Now, Timeout, new Random(seed)).Key)
            .ToHashSet();

        Assert.Equal(["a", "b"], picks.Order());
    }
}
