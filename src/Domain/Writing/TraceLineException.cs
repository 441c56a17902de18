namespace InteractionLab.Domain.Writing;

/// <summary>Why one trace line could not be read; <see cref="CoAuthorTraceReader"/> turns it into a
/// <see cref="LineError"/>, so it never leaves the reader.</summary>
internal sealed class TraceLineException(string reason) : Exception(reason);
