using InteractionLab.Inference.Api;

namespace InteractionLab.Inference.Tests;

/// <summary>
/// How tokens leave for the network: each one as soon as the previous write has completed, the ones that became
/// ready during a slow write together in one flush, always in order, and failures on either side end both.
/// </summary>
public class TokenPumpTests
{
    [Fact]
    public async Task EveryTokenIsFlushedOnItsOwnWhenWritesCompleteAtOnce()
    {
        var batches = new Batches();

        await TokenPump.RunAsync(Source([1, 2, 3, 4]), batches.Write, _ => batches.Flush(), new CancellationTokenSource());

        Assert.Equal([[1], [2], [3], [4]], batches.Flushed);
    }

    [Fact]
    public async Task TokensReadyWhileAWriteIsInFlightLeaveTogetherInOrderAndTheFirstIsNotHeldBack()
    {
        var batches = new Batches();
        var slowWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = Source([1, 2, 3, 4]);

        var pump = TokenPump.RunAsync(source, batches.Write, _ =>
        {
            batches.Flush();
            return batches.Flushed.Count == 1 ? new ValueTask(slowWrite.Task) : default;
        }, new CancellationTokenSource());

        // The first token went out alone, and decoding went on while its write was in flight.
        Assert.Equal([[1]], batches.Flushed);
        Assert.True(source.Exhausted);
        slowWrite.SetResult();
        await pump.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([[1], [2, 3, 4]], batches.Flushed);
    }

    [Fact]
    public async Task TokensThatWriteNothingCauseNoFlush()
    {
        var batches = new Batches();

        await TokenPump.RunAsync(Source([1, 0, 0, 2]), (item, at) => item != 0 && batches.Write(item, at), _ => batches.Flush(), new CancellationTokenSource());

        Assert.Equal([[1], [2]], batches.Flushed);
    }

    [Fact]
    public async Task ASourceFailureIsRethrownAfterTheTokensBeforeItWereSent()
    {
        var batches = new Batches();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TokenPump.RunAsync(Source([1, 2], failAfter: true), batches.Write, _ => batches.Flush(), new CancellationTokenSource()));

        Assert.Equal("decoding failed", e.Message);
        Assert.Equal([[1], [2]], batches.Flushed);
    }

    [Fact]
    public async Task AFailingWriteStopsDecodingBeforeTheNextToken()
    {
        using var stop = new CancellationTokenSource();
        var source = Source(Enumerable.Range(1, 100).ToArray(), stop.Token);
        var flushes = 0;

        await Assert.ThrowsAsync<IOException>(() => TokenPump.RunAsync(source, (_, _) => true,
            _ => ++flushes == 3 ? throw new IOException("connection reset") : new ValueTask(), stop));

        Assert.True(stop.IsCancellationRequested);
        Assert.Equal(3, source.Taken);
    }

    [Fact]
    public async Task EachTokenCarriesTheMomentItLeftTheSource()
    {
        var stamps = new List<long>();
        var before = System.Diagnostics.Stopwatch.GetTimestamp();

        await TokenPump.RunAsync(Source([1, 2, 3]), (_, at) => { stamps.Add(at); return true; }, _ => default, new CancellationTokenSource());

        Assert.Equal(3, stamps.Count);
        Assert.True(stamps[0] >= before && stamps[0] <= stamps[1] && stamps[1] <= stamps[2] && stamps[2] <= System.Diagnostics.Stopwatch.GetTimestamp());
    }

    private static TestSource Source(int[] items, CancellationToken ct = default, bool failAfter = false) => new(items, ct, failAfter);

    /// <summary>An engine stand-in whose tokens are all ready at once, like a decoder that is faster than the network.</summary>
    private sealed class TestSource(int[] items, CancellationToken ct, bool failAfter) : IAsyncEnumerator<int>
    {
        public int Taken { get; private set; } = 1; // Current is already the first item, as the endpoint hands it over

        public bool Exhausted { get; private set; }

        public int Current => items[Taken - 1];

        public ValueTask<bool> MoveNextAsync()
        {
            ct.ThrowIfCancellationRequested();
            if (Taken < items.Length)
            {
                Taken++;
                return new(true);
            }

            Exhausted = true;
            return failAfter ? throw new InvalidOperationException("decoding failed") : new(false);
        }

        public ValueTask DisposeAsync() => default;
    }

    private sealed class Batches
    {
        private List<int> _current = [];

        public List<List<int>> Flushed { get; } = [];

        public bool Write(int item, long producedAt)
        {
            _current.Add(item);
            return true;
        }

        public ValueTask Flush()
        {
            Flushed.Add(_current);
            _current = [];
            return default;
        }
    }
}
