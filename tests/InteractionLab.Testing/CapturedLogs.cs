using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Testing;

/// <summary>
/// The warnings and errors the platform logs where its category levels let them through (or, with a lower
/// <see cref="Minimum"/>, every entry from that level up, whatever those levels say), kept for assertions (pass as
/// <see cref="PlatformFactory.Logs"/>).
/// </summary>
public sealed class CapturedLogs(LogLevel minimum = LogLevel.Warning) : ILoggerProvider
{
    /// <summary>The lowest level kept.</summary>
    public LogLevel Minimum => minimum;

    /// <summary>One entry: category, level, message, and the exception if one was logged.</summary>
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception, EventId EventId = default);

    private readonly ConcurrentQueue<Entry> _entries = new();

    /// <summary>The entries so far, oldest first.</summary>
    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Forgets the entries so far (e.g. those of start-up).</summary>
    public void Clear() => _entries.Clear();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, minimum, _entries);

    /// <inheritdoc />
    public void Dispose() { }

    private sealed class Logger(string category, LogLevel minimum, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception, eventId));
        }
    }
}
