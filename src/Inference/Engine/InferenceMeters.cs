using System.Diagnostics.Metrics;

namespace InteractionLab.Inference.Engine;

/// <summary>
/// The engine's counters as <see cref="System.Diagnostics.Metrics"/> instruments on the meter <see cref="MeterName"/>,
/// each tagged with the <c>model</c>: what OpenTelemetry exports (and <c>dotnet-counters</c> shows) about the in-process
/// engine and the standalone inference service alike.
/// </summary>
public static class InferenceMeters
{
    /// <summary>Name of the meter (subscribe to it by name).</summary>
    public const string MeterName = "InteractionLab.Inference";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Tokens sampled.</summary>
    internal static readonly Counter<long> TokensGenerated =
        Meter.CreateCounter<long>("inference.tokens.generated", "{token}", "Tokens sampled by the engine.");

    /// <summary>From a request's arrival (before any queue) to its first token.</summary>
    internal static readonly Histogram<double> TimeToFirstToken =
        Meter.CreateHistogram<double>("inference.time_to_first_token", "s", "From a request's arrival, queue included, to its first token.");

    /// <summary>One decoding step: ONNX Runtime's Run and the engine's own work (sampling, detokenizing).</summary>
    internal static readonly Histogram<double> StepDuration =
        Meter.CreateHistogram<double>("inference.step.duration", "s", "One decoding step: ONNX Runtime's Run plus sampling and detokenizing.");

    /// <summary>Requests waiting for a slot of their model.</summary>
    internal static readonly UpDownCounter<long> Queued =
        Meter.CreateUpDownCounter<long>("inference.requests.queued", "{request}", "Requests waiting for a generation slot of their model.");

    /// <summary>Requests generating.</summary>
    internal static readonly UpDownCounter<long> Running =
        Meter.CreateUpDownCounter<long>("inference.requests.running", "{request}", "Requests generating now.");

    /// <summary>Requests refused because their model's queue was full (HTTP 429).</summary>
    internal static readonly Counter<long> Rejected =
        Meter.CreateCounter<long>("inference.requests.rejected", "{request}", "Requests refused because their model's queue was full (HTTP 429).");

    /// <summary>The tag naming a model.</summary>
    internal static KeyValuePair<string, object?> Model(string id) => new("model", id);
}
