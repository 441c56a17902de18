using System.Diagnostics.Metrics;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// Names and instruments of the model pipeline's telemetry. <see cref="SourceName"/> is both the
/// <c>ActivitySource</c> and the <c>Meter</c> of Microsoft.Extensions.AI's OpenTelemetry middleware (one span per model
/// call with the GenAI semantic conventions, token usage and duration histograms); <see cref="MeterName"/> holds the
/// platform's own instruments (queue waits, first piece, tokens per endpoint). An OpenTelemetry exporter subscribes to
/// everything in <see cref="Sources"/> and <see cref="Meters"/>.
/// </summary>
public static class LanguageModelTelemetry
{
    /// <summary>ActivitySource and Meter name of the GenAI spans and metrics.</summary>
    public const string SourceName = "InteractionLab.LanguageModels";
    /// <summary>Meter of the platform's own model-call instruments.</summary>
    public const string MeterName = "InteractionLab.LanguageModels.Calls";

    /// <summary>Every ActivitySource the model pipeline writes to.</summary>
    public static IReadOnlyList<string> Sources { get; } = [SourceName];
    /// <summary>Every Meter the model pipeline writes to.</summary>
    public static IReadOnlyList<string> Meters { get; } = [SourceName, MeterName];

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Model calls, tagged endpoint, model and outcome (ok, failed, cancelled).</summary>
    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("interactionlab.model.calls", "{call}", "Model calls by outcome.");
    /// <summary>Tokens reported by the endpoint, tagged endpoint, model and direction (input, output).</summary>
    internal static readonly Counter<long> Tokens = Meter.CreateCounter<long>("interactionlab.model.tokens", "{token}", "Tokens used, as the endpoint reported them.");
    /// <summary>Time from the call to its first text (or the whole answer when not streamed), including any wait in line.</summary>
    internal static readonly Histogram<double> FirstPiece = Meter.CreateHistogram<double>("interactionlab.model.first_piece", "ms", "Time to the first text of a model call.");
    /// <summary>Calls that had to wait for a turn, tagged endpoint and model.</summary>
    internal static readonly Counter<long> Queued = Meter.CreateCounter<long>("interactionlab.model.queued", "{call}", "Model calls that waited in line.");
}
