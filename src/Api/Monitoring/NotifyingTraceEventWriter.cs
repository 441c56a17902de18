using InteractionLab.Api.Tracing;
using InteractionLab.Domain;

namespace InteractionLab.Api.Monitoring;

/// <summary>
/// The fast trace writer bypasses EF Core (one round trip per batch), so the SaveChanges interceptor never sees
/// browser events; this wrapper reports stored batches to <see cref="StudyActivity"/> instead.
/// </summary>
public sealed class NotifyingTraceEventWriter(ITraceEventWriter inner, StudyActivity activity) : ITraceEventWriter, IAsyncDisposable
{
    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public async Task<TraceWriteResult> WriteClientEventsAsync(SessionId session, Guid instance, IReadOnlyList<TraceEventRow> rows, DateTimeOffset serverTime, CancellationToken ct)
    {
        var result = await inner.WriteClientEventsAsync(session, instance, rows, serverTime, ct);
        if (result.Inserted > 0) activity.SessionChanged(session);
        return result;
    }
}
