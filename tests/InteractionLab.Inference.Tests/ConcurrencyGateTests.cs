using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Tests;

public class ConcurrencyGateTests
{
    [Fact]
    public async Task RequestsBeyondTheLimitWaitInTheQueueAndBeyondTheQueueAreRefused()
    {
        var gate = new ConcurrencyGate("m", limit: 1, queue: 1);
        var running = await gate.EnterAsync(CancellationToken.None);

        var queued = gate.EnterAsync(CancellationToken.None).AsTask();
        var refused = await Assert.ThrowsAsync<ModelBusyException>(() => gate.EnterAsync(CancellationToken.None).AsTask());
        Assert.False(queued.IsCompleted);

        running.Dispose();
        using var next = await queued;

        Assert.Equal(1, gate.Running);
        Assert.Equal(1, gate.Occupants);
        Assert.Contains("1 requests running and 1 queued", refused.Message);
    }

    [Fact]
    public async Task ACancelledWaiterLeavesTheQueue()
    {
        var gate = new ConcurrencyGate("m", limit: 1, queue: 1);
        using var running = await gate.EnterAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = gate.EnterAsync(cts.Token).AsTask();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, gate.Occupants);
    }
}
