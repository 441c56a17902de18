using System.Text.Json;
using System.Text.Json.Serialization;
using InteractionLab.Api.Data;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Jobs;

/// <summary>
/// Writes a running job's progress into its <see cref="JobRecord"/> one write at a time, keeping only the latest
/// state while a write is under way: progress is reported from inside the job's work without waiting for the
/// database, and the job awaits <see cref="FlushAsync"/> before it ends.
/// </summary>
public sealed class JobProgress
{
    /// <summary>How progress views are stored (enums by name, so the JSON reads well in the database).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly JobStore _store;
    private readonly Guid _id;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private (JobState State, string Json)? _pending;
    private Task _writing = Task.CompletedTask;
    private bool _draining;

    internal JobProgress(JobStore store, Guid id, ILogger log) => (_store, _id, _log) = (store, id, log);

    /// <summary>Queues a write of <paramref name="view"/> with <paramref name="state"/>.</summary>
    public void Report<TView>(JobState state, TView view)
    {
        var json = JsonSerializer.Serialize(view, Json);
        lock (_gate)
        {
            _pending = (state, json);
            if (_draining) return;
            _draining = true;
            _writing = Task.Run(DrainAsync);
        }
    }

    /// <summary>Completes when every reported state is written.</summary>
    public Task FlushAsync()
    {
        lock (_gate) return _writing;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            (JobState State, string Json) next;
            lock (_gate)
            {
                if (_pending is null)
                {
                    _draining = false;
                    return;
                }
                next = _pending.Value;
                _pending = null;
            }
            try
            {
                await _store.ReportAsync(_id, next.State, next.Json);
            }
            catch (Exception e)
            {
                // Progress is shown, not the record of the work: a lost write is overtaken by the next one.
                _log.LogWarning(e, "Progress of job {Job} could not be saved", _id);
            }
        }
    }
}
