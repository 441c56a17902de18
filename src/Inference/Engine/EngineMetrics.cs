namespace InteractionLab.Inference.Engine;

/// <summary>
/// Time spent inside ONNX Runtime's Run versus the whole decoding step, per model. The difference is the engine's
/// own overhead (input setup, logits processing, sampling, detokenization), which the benchmark reports.
/// </summary>
internal sealed class EngineMetrics
{
    private long _runTicks;
    private long _stepTicks;
    private long _steps;
    private long _tokens;

    public long RunTicks => Interlocked.Read(ref _runTicks);

    public long StepTicks => Interlocked.Read(ref _stepTicks);

    public long Steps => Interlocked.Read(ref _steps);

    public long Tokens => Interlocked.Read(ref _tokens);

    public void Record(long runTicks, long stepTicks, int tokens)
    {
        Interlocked.Add(ref _runTicks, runTicks);
        Interlocked.Add(ref _stepTicks, stepTicks);
        Interlocked.Increment(ref _steps);
        Interlocked.Add(ref _tokens, tokens);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _runTicks, 0);
        Interlocked.Exchange(ref _stepTicks, 0);
        Interlocked.Exchange(ref _steps, 0);
        Interlocked.Exchange(ref _tokens, 0);
    }
}
