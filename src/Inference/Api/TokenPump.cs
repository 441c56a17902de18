using System.Diagnostics;
using System.Threading.Channels;

namespace InteractionLab.Inference.Api;

/// <summary>
/// Moves tokens from the engine to a response so that decoding never waits for the network and a ready token is
/// never held back. Every token is written as soon as the previous write has completed; tokens that became ready
/// while a write was still in flight (a slow client) are written together and flushed once.
/// </summary>
/// <remarks>
/// The consumer's continuations run synchronously on the producing thread: when writes complete at once (the usual
/// case) each token is serialised and flushed on the thread that decoded it, with no thread hop in between, which
/// matters on a small, busy machine where every hop waits for a core.
/// </remarks>
internal static class TokenPump
{
    /// <summary>
    /// Pumps <paramref name="source"/> (whose <c>Current</c> is already the first item) into <paramref name="write"/>,
    /// which returns whether it wrote anything, and calls <paramref name="flush"/> once per batch written. Each item is
    /// paired with the <see cref="Stopwatch"/> timestamp at which it left the source. A failing write or flush
    /// cancels <paramref name="stop"/> (the source's token) so decoding ends before its next step; the source's own
    /// failure is rethrown after the items before it were written.
    /// </summary>
    public static async Task RunAsync<T>(IAsyncEnumerator<T> source, Func<T, long, bool> write, Func<CancellationToken, ValueTask> flush, CancellationTokenSource stop)
    {
        var channel = Channel.CreateUnbounded<(T Item, long ProducedAt)>(new UnboundedChannelOptions
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
        });
        var consumer = ConsumeAsync(channel.Reader, write, flush, stop); // waits for the first item before we write it
        try
        {
            do
            {
                channel.Writer.TryWrite((source.Current, Stopwatch.GetTimestamp()));
            }
            while (!consumer.IsCompleted && await source.MoveNextAsync());

            channel.Writer.TryComplete();
        }
        catch (Exception e)
        {
            channel.Writer.TryComplete(e);
        }

        await consumer;
    }

    private static async Task ConsumeAsync<T>(ChannelReader<(T Item, long ProducedAt)> reader, Func<T, long, bool> write,
        Func<CancellationToken, ValueTask> flush, CancellationTokenSource stop)
    {
        try
        {
            // Throws the producer's exception once everything it produced before failing has been read.
            while (await reader.WaitToReadAsync())
            {
                var wrote = false;
                while (reader.TryRead(out var next))
                {
                    wrote |= write(next.Item, next.ProducedAt);
                }

                if (wrote)
                {
                    await flush(stop.Token);
                }
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
    }
}
