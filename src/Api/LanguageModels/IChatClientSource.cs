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
}
