namespace InteractionLab.Api.Registry;

/// <summary>Where a model endpoint is defined (the same order <see cref="LanguageModels.ChatClientRegistry"/> resolves names in).</summary>
public enum EndpointOrigin
{
    /// <summary>Served inside this process (the ONNX engine, <c>local</c>).</summary>
    InProcess,
    /// <summary>Registered by an admin on the Models page (database).</summary>
    Registry,
    /// <summary>From configuration (<c>LanguageModels:Endpoints:{name}</c>).</summary>
    Configuration,
    /// <summary>Defined nowhere.</summary>
    Unknown,
}
