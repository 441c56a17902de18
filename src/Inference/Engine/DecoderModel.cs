using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace InteractionLab.Inference.Engine;

/// <summary>
/// A loaded decoder-only transformer: ONNX Runtime session, tokenizer, chat template and admission gate. One
/// instance is shared by all requests; ONNX Runtime sessions are safe to Run concurrently.
/// </summary>
internal sealed class DecoderModel : IDisposable
{
    private DecoderModel(string id, HfModelDirectory files, InferenceSession session, string provider, TextTokenizer tokenizer,
        ChatTemplate template, ConcurrencyGate gate)
    {
        Id = id;
        Description = files.Description;
        Session = session;
        Provider = provider;
        Tokenizer = tokenizer;
        Template = template;
        Gate = gate;
        Signature = new DecoderSignature(session, files);
        var logitsDims = session.OutputMetadata["logits"].Dimensions;
        VocabSize = logitsDims[^1] > 0 ? logitsDims[^1] : files.Int("vocab_size")
            ?? throw new InvalidDataException($"Model '{id}': vocabulary size unknown (no fixed logits dimension, no vocab_size).");
        MaxPositions = files.Int("max_position_embeddings") ?? files.Int("n_positions") ?? int.MaxValue;
        EosTokenIds = files.EosTokenIds(tokenizer);
        if (template.EndOfTurnToken is { } end && tokenizer.SpecialTokens.TryGetValue(end, out var endId))
        {
            EosTokenIds.Add(endId);
        }
    }

    public string Id { get; }

    public string? Description { get; }

    public string Provider { get; }

    public InferenceSession Session { get; }

    public DecoderSignature Signature { get; }

    public TextTokenizer Tokenizer { get; }

    public ChatTemplate Template { get; }

    public ConcurrencyGate Gate { get; }

    public EngineMetrics Metrics { get; } = new();

    private readonly CancellationTokenSource _closing = new();

    public int VocabSize { get; }

    public int MaxPositions { get; }

    public HashSet<int> EosTokenIds { get; }

    public static DecoderModel Load(string id, string directory, InferenceOptions options, ILogger logger)
    {
        var files = HfModelDirectory.Open(directory);
        options.Models.TryGetValue(id, out var perModel);
        var effective = perModel?.ExecutionProvider is { } ep ? Clone(options, ep) : options;
        var session = ExecutionProviderSelector.Open(files.GraphPath, effective, id, logger, out var provider);
        try
        {
            var tokenizer = TextTokenizer.Load(directory);
            var template = ChatTemplate.FromName(perModel?.ChatTemplate)
                ?? ChatTemplate.Detect((string?)files.TokenizerConfig?["chat_template"], tokenizer.SpecialTokens);
            var gate = new ConcurrencyGate(id, options.MaxConcurrentRequestsPerModel, options.MaxQueuedRequestsPerModel);
            return new DecoderModel(id, files, session, provider, tokenizer, template, gate);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Tokenizes a rendered chat prompt: markup may hold special tokens, message text never does.</summary>
    public List<int> EncodePrompt(IEnumerable<PromptSegment> segments)
    {
        var ids = new List<int>();
        foreach (var segment in segments)
        {
            ids.AddRange(Tokenizer.Encode(segment.Text, allowSpecialTokens: segment.IsMarkup));
        }

        return ids;
    }

    public async IAsyncEnumerable<GeneratedToken> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        // Closing the model stops every generation (see Dispose), whoever owns it.
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(ct, _closing.Token);
        ct = closing.Token;
        var arrived = Stopwatch.GetTimestamp();
        var model = InferenceMeters.Model(Id);
        using var lease = await Gate.EnterAsync(ct).ConfigureAwait(false);
        using var run = new DecoderRun(this, request);
        using var abort = ct.Register(run.Terminate);
        var events = new List<GeneratedToken>(request.N);
        while (!run.Done)
        {
            ct.ThrowIfCancellationRequested();
            events.Clear();
            var step = Stopwatch.GetTimestamp();
            Step(run, events, ct);
            InferenceMeters.StepDuration.Record(Stopwatch.GetElapsedTime(step).TotalSeconds, model);
            if (events.Count > 0)
            {
                if (arrived != 0)
                {
                    InferenceMeters.TimeToFirstToken.Record(Stopwatch.GetElapsedTime(arrived).TotalSeconds, model);
                    arrived = 0;
                }

                InferenceMeters.TokensGenerated.Add(events.Count, model);
            }

            foreach (var generated in events)
            {
                Metrics.TokenObserver?.Invoke();
                yield return generated;
            }

            // Run is synchronous and flushing a token often completes synchronously too, so a stream could hold its
            // thread-pool thread for a whole completion: on a small machine the I/O callbacks that notice a
            // disconnected client (and other streams) would wait for the pool to grow. Step aside when work waits.
            if (ThreadPool.PendingWorkItemCount > 0)
            {
                await Task.Yield();
            }
        }
    }

    private static void Step(DecoderRun run, List<GeneratedToken> events, CancellationToken ct)
    {
        try
        {
            run.Step(events);
        }
        catch (OnnxRuntimeException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
    }

    private static InferenceOptions Clone(InferenceOptions o, string provider) => new()
    {
        ExecutionProvider = provider, DeviceId = o.DeviceId, IntraOpNumThreads = o.IntraOpNumThreads,
    };

    /// <summary>
    /// Stops the generations still running and waits (a bounded while) until they have left before releasing the
    /// session: a Run going on in another thread would otherwise use freed native memory and bring the process down
    /// (a host stopped while a reply that outlives its connection is still generating).
    /// </summary>
    public void Dispose()
    {
        _closing.Cancel();
        Gate.WhenIdle.Wait(TimeSpan.FromSeconds(10));
        Session.Dispose();
        _closing.Dispose();
    }
}
