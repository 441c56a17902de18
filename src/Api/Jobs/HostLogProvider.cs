using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Jobs;

/// <summary>
/// Hangfire's logs into the host's logging. Hangfire keeps one log provider for the whole process; where several hosts
/// share a process (the tests' platform instances) the last one configured wins, and its logger factory is disposed
/// with it, so a logger asked of a disposed factory is a silent one instead of an exception in a still-running host.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
