namespace InteractionLab.E2E.Infrastructure;

/// <summary>
/// The browser platform with the in-process engine limited to one request per model and no queue of its own, so that
/// a second participant at once is beyond its capacity and waits in the platform's line.
/// </summary>
public sealed class BusyModelPlatform : BrowserPlatform
{
    /// <inheritdoc />
    protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Inference:MaxConcurrentRequestsPerModel"] = "1",
        ["Inference:MaxQueuedRequestsPerModel"] = "0",
    };
}
