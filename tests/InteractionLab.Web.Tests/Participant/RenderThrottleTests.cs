using InteractionLab.Web.Participant;
using Microsoft.Extensions.Time.Testing;

namespace InteractionLab.Web.Tests.Participant;

public sealed class RenderThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(30);
    private readonly FakeTimeProvider time = new();
    private int renders;

    private RenderThrottle NewThrottle() => new(Interval, () => { renders++; return Task.CompletedTask; }, time);

    [Fact]
    public void RendersTheFirstTokenAtOnceAndCoalescesABurstIntoOneTrailingRender()
    {
        var throttle = NewThrottle();

        throttle.Request();
        for (var i = 0; i < 20; i++) throttle.Request();
        Assert.Equal(1, renders);

        time.Advance(Interval);

        Assert.Equal(2, renders);
    }

    [Fact]
    public void ATokenAfterAQuietIntervalRendersImmediately()
    {
        var throttle = NewThrottle();
        throttle.Request();

        time.Advance(Interval * 2);
        throttle.Request();

        Assert.Equal(2, renders);
    }

    [Fact]
    public void TheLastTokenOfABurstIsRenderedEvenIfNoMoreTokensCome()
    {
        var throttle = NewThrottle();
        throttle.Request();
        time.Advance(TimeSpan.FromMilliseconds(10));
        throttle.Request();
        Assert.Equal(1, renders);

        time.Advance(TimeSpan.FromMilliseconds(20));

        Assert.Equal(2, renders);
    }
}
