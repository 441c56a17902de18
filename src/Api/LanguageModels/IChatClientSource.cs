using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// Supplies chat clients for one named endpoint from inside the process. The in-process ONNX engine
/// registers one with <see cref="Endpoint"/> = <c>local</c>; configured HTTP endpoints need none.
/// </summary>
public interface IChatClientSource
{
    /// <summary>Endpoint name it serves (as in <c>ModelRef.Endpoint</c>).</summary>
    string Endpoint { get; }

    /// <summary>A client for a model of this endpoint.</summary>
    IChatClient GetClient(string model);

    /// <summary>The models it serves, for the model registry (read-only there).</summary>
    IReadOnlyList<SourceModel> ListModels() => [];

    /// <summary>Requests the engine runs at once for <paramref name="model"/>; the platform queues the rest (null: no limit).</summary>
    int? CapacityOf(string model) => null;

    /// <summary>Whether an error of this source's clients means "at capacity now, ask again later".</summary>
    bool IsBusy(Exception error) => false;

    /// <summary>The model's context window with an exact token count, or null when unknown.</summary>
    ModelContext? ContextOf(string model) => null;
}

/// <summary>A model served in-process.</summary>
/// <param name="Id">Model id (as in <c>ModelRef.Model</c>).</param>
/// <param name="Kind">chat or embedding.</param>
/// <param name="ExecutionProvider">ONNX Runtime execution provider once loaded (CPU, CUDA, …), else null.</param>
public sealed record SourceModel(string Id, string Kind, string? ExecutionProvider);
