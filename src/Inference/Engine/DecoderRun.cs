using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace InteractionLab.Inference.Engine;

/// <summary>
/// The state of one request while it decodes: n completions of the same prompt run as one batch. Input buffers
/// are allocated once; present key/values from one Run are fed back as the next Run's past without copying.
/// </summary>
internal sealed class DecoderRun : IDisposable
{
    private readonly DecoderModel _model;
    private readonly DecoderSignature _sig;
    private readonly GenerationRequest _request;
    private readonly int _batch;
    private readonly int _capacity;
    private readonly long[] _ids;
    private readonly long[] _positions;
    private readonly long[] _mask;
    private readonly int[] _tokens;
    private readonly bool[] _useCache = new bool[1];
    private readonly long[] _shape = new long[2];
    private readonly long[] _useCacheShape = [1];
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;
    private readonly RunOptions _runOptions = new();
    private readonly TokenSampler[] _samplers;
    private readonly StreamingDetokenizer[] _detokenizers;
    private readonly StopSequenceMatcher[] _stops;
    private readonly int[] _produced;
    private readonly bool[] _finished;
    private readonly float[] _row;
    private readonly int[] _topScratch;
    private int _length;
    private int _step;
    private int _active;
    private int _preparedSeq = -1;

    public DecoderRun(DecoderModel model, GenerationRequest request)
    {
        _model = model;
        _sig = model.Signature;
        _request = request;
        _batch = request.N;
        _length = request.PromptIds.Count;
        _capacity = _length + request.MaxTokens;
        _ids = new long[_batch * _capacity];
        _positions = new long[_batch * _capacity];
        _mask = new long[_batch * _capacity];
        Array.Fill(_mask, 1L);
        _tokens = new int[_batch * _capacity];
        for (var b = 0; b < _batch; b++)
        {
            for (var t = 0; t < _length; t++) { _tokens[b * _capacity + t] = request.PromptIds[t]; }
        }

        _inputs = new OrtValue[_sig.InputNames.Length];
        _outputs = new OrtValue[_sig.OutputNames.Length];
        _samplers = new TokenSampler[_batch];
        _detokenizers = new StreamingDetokenizer[_batch];
        _stops = new StopSequenceMatcher[_batch];
        for (var b = 0; b < _batch; b++)
        {
            _samplers[b] = new TokenSampler(request, model.VocabSize, b);
            _detokenizers[b] = new StreamingDetokenizer(model.Tokenizer);
            _stops[b] = new StopSequenceMatcher(request.StopSequences);
        }

        _produced = new int[_batch];
        _finished = new bool[_batch];
        _row = new float[model.VocabSize];
        _topScratch = new int[Math.Max(request.TopLogprobs, 0) + 1];
        _active = _batch;
        if (request.MaxTokens <= 0 || _length >= model.MaxPositions)
        {
            _active = 0;
        }
    }

    public bool Done => _active == 0;

    /// <summary>Sees each completion's last-position logits before sampling (tests compare export variants).</summary>
    public LogitsCallback? LogitsObserver { get; set; }

    /// <summary>Aborts a Run in progress (the caller went away).</summary>
    public void Terminate() => _runOptions.Terminate = true;

    /// <summary>Runs the model once and appends one event per completion still going.</summary>
    public void Step(List<GeneratedToken> events)
    {
        var start = Stopwatch.GetTimestamp();
        var fresh = _sig.Layers == 0 || _step == 0;
        var seq = fresh ? _length : 1;
        PrepareInputs(seq);
        var runStart = Stopwatch.GetTimestamp();
        var results = _model.Session.Run(_runOptions, _sig.InputNames, _inputs, _sig.OutputNames);
        var runTicks = Stopwatch.GetTimestamp() - runStart;
        for (var i = 0; i < _outputs.Length; i++)
        {
            _outputs[i] = results[i]; // by index: enumerating the interface would allocate an enumerator per step
        }

        for (var p = 0; p < 2 * _sig.Layers; p++)
        {
            _inputs[_sig.FirstPastInput + p].Dispose();
            _inputs[_sig.FirstPastInput + p] = _outputs[1 + p];
        }

        using (var logits = _outputs[0])
        {
            var produced = Sample(logits, seq, events);
            _length++;
            _step++;
            _model.Metrics.Record(runTicks, Stopwatch.GetTimestamp() - start, produced);
        }
    }

    private void PrepareInputs(int seq)
    {
        for (var b = 0; b < _batch; b++)
        {
            for (var t = 0; t < seq; t++)
            {
                var position = _length - seq + t;
                _ids[b * seq + t] = _tokens[b * _capacity + position];
                _positions[b * seq + t] = position;
            }
        }

        var k = 0;
        // ONNX Runtime copies the dimensions when it creates a tensor, so one shape array serves every input. The
        // tensors wrap the arrays without copying, so ids and positions only need a new tensor when their shape
        // changes (the prompt step, then once for all single-token steps); the mask grows every step.
        _shape[0] = _batch;
        _shape[1] = seq;
        var reshaped = seq != _preparedSeq;
        _preparedSeq = seq;
        if (reshaped)
        {
            Replace(k, OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _ids.AsMemory(0, _batch * seq), _shape));
        }

        k++;
        if (_sig.HasAttentionMask)
        {
            _shape[1] = _length;
            Replace(k++, OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _mask.AsMemory(0, _batch * _length), _shape));
        }

        if (_sig.HasPositionIds)
        {
            if (reshaped)
            {
                _shape[1] = seq;
                Replace(k, OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _positions.AsMemory(0, _batch * seq), _shape));
            }

            k++;
        }

        if (_step == 0)
        {
            for (var p = 0; p < 2 * _sig.Layers; p++)
            {
                _inputs[k++] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, _sig.KvType, [_batch, _sig.KvHeads, 0, _sig.HeadDim]);
            }
        }
        else
        {
            k += 2 * _sig.Layers;
        }

        if (_sig.HasUseCacheBranch)
        {
            _useCache[0] = _step > 0; // the tensor wraps this array: created once, updated in place
            if (_step == 0)
            {
                Replace(k, OrtValue.CreateTensorValueFromMemory(_useCache, _useCacheShape));
            }
        }
    }

    private void Replace(int index, OrtValue value)
    {
        _inputs[index]?.Dispose();
        _inputs[index] = value;
    }

    private int Sample(OrtValue logits, int seq, List<GeneratedToken> events)
    {
        var vocab = _model.VocabSize;
        var produced = 0;
        for (var b = 0; b < _batch; b++)
        {
            if (_finished[b])
            {
                continue;
            }

            var offset = (b * seq + seq - 1) * vocab;
            ReadOnlySpan<float> row;
            if (_sig.LogitsType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float16)
            {
                var half = logits.GetTensorDataAsSpan<Float16>().Slice(offset, vocab);
                for (var v = 0; v < vocab; v++) { _row[v] = (float)half[v].ToFloat(); }
                row = _row;
            }
            else
            {
                row = logits.GetTensorDataAsSpan<float>().Slice(offset, vocab);
            }

            LogitsObserver?.Invoke(row);
            var id = _samplers[b].Choose(row);
            _samplers[b].Accept(id);
            produced++;
            _tokens[b * _capacity + _length] = id;
            var logprob = _request.TopLogprobs >= 0 ? Logprobs.Compute(row, id, _request.TopLogprobs, _model.Tokenizer, _topScratch) : null;
            events.Add(Advance(b, id, logprob));
        }

        return produced;
    }

    private GeneratedToken Advance(int b, int id, TokenLogprob? logprob)
    {
        var count = ++_produced[b];
        FinishReason? finish = null;
        string text;
        if (_model.EosTokenIds.Contains(id))
        {
            text = _stops[b].Flush();
            finish = FinishReason.Stop;
        }
        else
        {
            (text, var stopped) = _stops[b].Push(_detokenizers[b].Push(id));
            if (stopped)
            {
                finish = FinishReason.Stop;
            }
            else if (count >= _request.MaxTokens || _length + 1 >= _model.MaxPositions)
            {
                text += _stops[b].Flush();
                finish = FinishReason.Length;
            }
        }

        if (finish is not null)
        {
            _finished[b] = true;
            _active--;
        }

        return new GeneratedToken(b, id, text, logprob, finish, count);
    }

    public void Dispose()
    {
        foreach (var value in _inputs)
        {
            value?.Dispose();
        }

        _runOptions.Dispose();
        foreach (var sampler in _samplers)
        {
            sampler.Dispose();
        }
    }
}
